package dev.saraf.bench;

import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Prints saraf's and OpenBLAS's GEMM GFLOP/s side by side:
 * {@code n | threads | saraf | OpenBLAS | saraf/OpenBLAS}.
 *
 * <p>By default it runs {@link GemmBenchmark} under JMH (one fork per case, median of the
 * measured iterations, ratio of the medians). {@code --paired} times in this process instead,
 * saraf and OpenBLAS alternating round by round, and reports the median of the per-round ratios:
 * on a shared, loaded machine this cancels most of the load drift that separate JMH forks see,
 * and one-thread cases are timed by the calling thread's CPU time, which other processes' time
 * slices do not inflate.
 * Options: {@code --sizes 256,512}, {@code --threads 1,2}, {@code --paired}.
 */
public final class GemmReport {
    /** Timed rounds per case in paired mode. */
    private static final int ROUNDS = 9;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private GemmReport() {}

    /** Runs the comparison and prints the table. */
    public static void main(String[] args) throws Exception {
        int[] sizes = {256, 512, 1024, 2048};
        int[] threads = {1, 2};
        boolean paired = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--threads" -> threads = ints(args[++i]);
                case "--paired" -> paired = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --sizes 256,512 --threads 1,2 --paired");
            }
        }
        Optional<OpenBlas> blas = OpenBlas.load();
        if (blas.isEmpty()) {
            System.out.println("# " + OpenBlas.INSTALL_HINT);
            System.out.println("# reporting saraf alone");
        }
        TreeMap<String, Double> gflops = paired
                ? paired(sizes, threads, blas)
                : jmh(sizes, threads, blas.isPresent());
        System.out.println();
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        System.out.println("# JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + (paired ? "paired mode (in-process, saraf and OpenBLAS alternating, medians of " + ROUNDS
                + " rounds; 1 thread timed by thread CPU time, 2 by wall time)"
                : "JMH (median of the measured iterations, one fork per case)"));
        System.out.println("# OpenBLAS: " + blas.map(b -> "core " + b.coreName() + ", OPENBLAS_CORETYPE="
                + (coretype == null ? "<unset>" : coretype)).orElse("not installed"));
        System.out.println("|    n | threads | saraf GFLOP/s | OpenBLAS GFLOP/s | saraf/OpenBLAS |");
        System.out.println("| ---: | ------: | ------------: | ---------------: | -------------: |");
        for (int n : sizes) {
            for (int t : threads) {
                Double s = gflops.get(key("saraf", n, t));
                Double o = gflops.get(key("openblas", n, t));
                Double ratio = gflops.getOrDefault(key("ratio", n, t), s != null && o != null ? s / o : null);
                System.out.printf(Locale.ROOT, "| %4d | %7d | %13s | %16s | %14s |%n", n, t, fmt(s), fmt(o),
                        ratio != null ? String.format(Locale.ROOT, "%.2f", ratio) : "-");
            }
        }
    }

    private static TreeMap<String, Double> jmh(int[] sizes, int[] threads, boolean withBlas) throws Exception {
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .include(GemmBenchmark.class.getName() + ".sgemm")
                .param("n", strings(sizes))
                .param("threads", strings(threads))
                .param("variant", withBlas ? new String[] {"saraf", "openblas"} : new String[] {"saraf"})
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1));
        Collection<RunResult> results = new Runner(opt.build()).run();
        TreeMap<String, Double> out = new TreeMap<>();
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            int t = Integer.parseInt(r.getParams().getParam("threads"));
            double ms = r.getPrimaryResult().getStatistics().getPercentile(50);
            out.put(key(r.getParams().getParam("variant"), n, t), flops(n) / (ms * 1e6));
        }
        return out;
    }

    private static TreeMap<String, Double> paired(int[] sizes, int[] threads, Optional<OpenBlas> blas) {
        TreeMap<String, Double> out = new TreeMap<>();
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(1);
            float[] a = GemmBenchmark.random(n * n, rng);
            float[] b = GemmBenchmark.random(n * n, rng);
            float[] c = new float[n * n];
            try (Arena arena = Arena.ofConfined()) {
                long bytes = (long) n * n * Float.BYTES;
                MemorySegment na = arena.allocate(bytes, 64);
                MemorySegment nb = arena.allocate(bytes, 64);
                MemorySegment nc = arena.allocate(bytes, 64);
                MemorySegment.copy(a, 0, na, ValueLayout.JAVA_FLOAT, 0, a.length);
                MemorySegment.copy(b, 0, nb, ValueLayout.JAVA_FLOAT, 0, b.length);
                for (int t : threads) {
                    int nt = t;
                    Runnable saraf = () -> Parallel.withThreads(nt, () ->
                            Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n));
                    Runnable other = blas.<Runnable>map(lib -> () -> lib.sgemm(false, false, n, n, n, 1f,
                            na, n, nb, n, 0f, nc, n)).orElse(null);
                    blas.ifPresent(lib -> lib.setThreads(nt));
                    double[][] g = rounds(n, saraf, other, nt == 1);
                    out.put(key("saraf", n, t), median(g[0]));
                    if (other != null) {
                        out.put(key("openblas", n, t), median(g[1]));
                        out.put(key("ratio", n, t), median(g[2]));
                    }
                    System.out.printf(Locale.ROOT, "n=%d threads=%d saraf %.1f OpenBLAS %s GFLOP/s%n", n, t,
                            median(g[0]), other == null ? "-" : String.format(Locale.ROOT, "%.1f", median(g[1])));
                }
            }
        }
        return out;
    }

    /**
     * Warms both up, then {@link #ROUNDS} rounds of: saraf timed for 0.2 s, a pause, the other
     * timed for 0.2 s, a pause (so neither library's spinning threads overlap the other's turn).
     * Returns GFLOP/s per round for saraf, the other, and their ratio.
     */
    private static double[][] rounds(int n, Runnable saraf, Runnable other, boolean cpu) {
        timed(n, saraf, 1_500_000_000L, cpu);
        if (other != null) {
            timed(n, other, 1_000_000_000L, cpu);
        }
        double[][] g = new double[3][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            g[0][r] = timed(n, saraf, 200_000_000L, cpu);
            pause();
            if (other != null) {
                g[1][r] = timed(n, other, 200_000_000L, cpu);
                g[2][r] = g[0][r] / g[1][r];
                pause();
            }
        }
        return g;
    }

    /**
     * GFLOP/s of as many calls as fit in {@code nanos} of wall time (at least one). With
     * {@code cpu}, the time is this thread's CPU time: with one thread both libraries compute on
     * the calling thread, and CPU time leaves out the slices other processes took from it.
     */
    private static double timed(int n, Runnable call, long nanos, boolean cpu) {
        long w0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        long w1;
        int done = 0;
        do {
            call.run();
            done++;
            w1 = System.nanoTime();
        } while (w1 - w0 < nanos);
        long spent = cpu ? CPU.getCurrentThreadCpuTime() - c0 : w1 - w0;
        return flops(n) * done / spent;
    }


    private static void pause() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y[y.length / 2];
    }

    private static double flops(int n) {
        return 2.0 * n * n * n;
    }

    private static String key(String impl, int n, int t) {
        return impl + "/" + n + "/" + t;
    }

    private static String fmt(Double g) {
        return g == null ? "-" : String.format(Locale.ROOT, "%.1f", g);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static String[] strings(int[] xs) {
        List<String> out = new ArrayList<>();
        for (int x : xs) {
            out.add(Integer.toString(x));
        }
        return out.toArray(String[]::new);
    }
}
