package dev.saraf.cli;

import dev.saraf.kernels.Gemm;
import java.util.SplittableRandom;

/**
 * W-GEMM: {@code C[n, n] = A[n, n] B[n, n]} in float32 by {@link Gemm#sgemm}, on random operands.
 * Each size is warmed up until its time per call settles, then timed as the median of repetitions sized to take about
 * {@code targetSeconds} in all (at least 3). Run it inside {@link Threads#call} to pin the thread count.
 */
final class BenchGemm {
    /** Fewest timed repetitions per size. */
    static final int MIN_REPS = 3;

    private BenchGemm() {}

    /**
     * One size.
     *
     * @param n        the matrices' side
     * @param seconds  each timed repetition, seconds
     */
    record Size(int n, double[] seconds) {
        /** GFLOP/s of each repetition, {@code 2 n^3 / s}. */
        double[] gflopsRuns() {
            double[] g = new double[seconds.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = flops() / seconds[i] / 1e9;
            }
            return g;
        }

        /** The median GFLOP/s. */
        double gflops() {
            return BenchStats.median(gflopsRuns());
        }

        private double flops() {
            return 2.0 * n * n * n;
        }
    }

    /**
     * Runs small products for about {@code seconds} so that the JIT compiles the Vector API
     * kernels before any size is timed: until then they run interpreted, hundreds of times slower,
     * and the first large product would take seconds.
     */
    static void jitWarmup(double seconds, long seed) {
        int n = 96;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = random(n * n, rng);
        float[] b = random(n * n, rng);
        float[] c = new float[n * n];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < 50 || System.nanoTime() < end; i++) {
            time(n, a, b, c);
        }
    }

    /** Times one size {@code n}, spending about {@code targetSeconds} on the timed repetitions. */
    static Size run(int n, double targetSeconds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + n);
        float[] a = random(n * n, rng);
        float[] b = random(n * n, rng);
        float[] c = new float[n * n];
        // Warm up in rounds of about 0.1 s, for at least a quarter of the target time, until a
        // round is no faster than the best before it (at most 10 s): the JIT compiles the kernels
        // in the background, later on a loaded machine, and the first large products run partly
        // interpreted. The last round's best call then sizes the repetitions.
        long now = System.nanoTime();
        long minEnd = now + (long) (targetSeconds / 4 * 1e9);
        long maxEnd = now + 10_000_000_000L;
        long best = Long.MAX_VALUE;
        long estimate;
        while (true) {
            long roundEnd = System.nanoTime() + 100_000_000L;
            long round = Long.MAX_VALUE;
            do {
                round = Math.min(round, time(n, a, b, c));
            } while (System.nanoTime() < roundEnd);
            estimate = Math.max(1, round);
            now = System.nanoTime();
            boolean settled = round >= 0.97 * best;
            best = Math.min(best, round);
            if ((settled && now >= minEnd) || now >= maxEnd) {
                break;
            }
        }
        int reps = (int) Math.max(MIN_REPS, Math.min(1000, Math.round(targetSeconds * 1e9 / estimate)));
        double[] seconds = new double[reps];
        for (int r = 0; r < reps; r++) {
            seconds[r] = time(n, a, b, c) / 1e9;
        }
        return new Size(n, seconds);
    }

    private static long time(int n, float[] a, float[] b, float[] c) {
        long t0 = System.nanoTime();
        Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return System.nanoTime() - t0;
    }

    private static float[] random(int size, SplittableRandom rng) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
