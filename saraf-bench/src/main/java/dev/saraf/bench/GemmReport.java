package dev.saraf.bench;

import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * measured iterations). {@code --quick} times in this process instead (warm-up, then the median
 * of several timed repetitions; all saraf cases before any OpenBLAS case, whose threads keep
 * spinning after a call), for fast turnaround while tuning. Options: {@code --sizes 256,512},
 * {@code --threads 1,2}, {@code --quick}.
 */
public final class GemmReport {
    private GemmReport() {}

    /** Runs the comparison and prints the table. */
    public static void main(String[] args) throws Exception {
        int[] sizes = {256, 512, 1024, 2048};
        int[] threads = {1, 2};
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--threads" -> threads = ints(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --sizes 256,512 --threads 1,2 --quick");
            }
        }
        Optional<OpenBlas> blas = OpenBlas.load();
        if (blas.isEmpty()) {
            System.out.println("# " + OpenBlas.INSTALL_HINT);
            System.out.println("# reporting saraf alone");
        }
        TreeMap<String, Double> gflops = quick
                ? quick(sizes, threads, blas)
                : jmh(sizes, threads, blas.isPresent());
        System.out.println();
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        System.out.println("# JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + (quick ? "quick mode (in-process, median of 7 timed runs)"
                : "JMH (median of the measured iterations, one fork per case)"));
        System.out.println("# OpenBLAS: " + blas.map(b -> "core " + b.coreName() + ", OPENBLAS_CORETYPE="
                + (coretype == null ? "<unset>" : coretype)).orElse("not installed"));
        System.out.println("|    n | threads | saraf GFLOP/s | OpenBLAS GFLOP/s | saraf/OpenBLAS |");
        System.out.println("| ---: | ------: | ------------: | ---------------: | -------------: |");
        for (int n : sizes) {
            for (int t : threads) {
                Double s = gflops.get(key("saraf", n, t));
                Double o = gflops.get(key("openblas", n, t));
                System.out.printf(Locale.ROOT, "| %4d | %7d | %13s | %16s | %14s |%n", n, t, fmt(s), fmt(o),
                        s != null && o != null ? String.format(Locale.ROOT, "%.2f", s / o) : "-");
            }
        }
    }

    private static TreeMap<String, Double> jmh(int[] sizes, int[] threads, boolean withBlas) throws Exception {
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .include(GemmBenchmark.class.getName() + ".sgemm")
                .param("n", strings(sizes))
                .param("threads", strings(threads))
                .param("impl", withBlas ? new String[] {"saraf", "openblas"} : new String[] {"saraf"})
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1));
        Collection<RunResult> results = new Runner(opt.build()).run();
        TreeMap<String, Double> out = new TreeMap<>();
        for (RunResult r : results) {
            int n = Integer.parseInt(r.getParams().getParam("n"));
            int t = Integer.parseInt(r.getParams().getParam("threads"));
            double ms = r.getPrimaryResult().getStatistics().getPercentile(50);
            out.put(key(r.getParams().getParam("impl"), n, t), flops(n) / (ms * 1e6));
        }
        return out;
    }

    private static TreeMap<String, Double> quick(int[] sizes, int[] threads, Optional<OpenBlas> blas) throws Exception {
        TreeMap<String, Double> out = new TreeMap<>();
        for (int n : sizes) {
            SplittableRandom rng = new SplittableRandom(1);
            float[] a = GemmBenchmark.random(n * n, rng);
            float[] b = GemmBenchmark.random(n * n, rng);
            float[] c = new float[n * n];
            for (int t : threads) {
                double g = Parallel.withThreads(t, () ->
                        measure(n, () -> Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n)));
                out.put(key("saraf", n, t), g);
                System.out.printf(Locale.ROOT, "saraf    n=%d threads=%d %.1f GFLOP/s%n", n, t, g);
            }
        }
        if (blas.isPresent()) {
            OpenBlas lib = blas.get();
            for (int n : sizes) {
                try (Arena arena = Arena.ofConfined()) {
                    long bytes = (long) n * n * Float.BYTES;
                    MemorySegment a = arena.allocate(bytes, 64).fill((byte) 0x3c);
                    MemorySegment b = arena.allocate(bytes, 64).fill((byte) 0x3c);
                    MemorySegment c = arena.allocate(bytes, 64);
                    for (int t : threads) {
                        lib.setThreads(t);
                        double g = measure(n, () -> lib.sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n));
                        out.put(key("openblas", n, t), g);
                        System.out.printf(Locale.ROOT, "openblas n=%d threads=%d %.1f GFLOP/s%n", n, t, g);
                    }
                }
            }
        }
        return out;
    }

    /** Median GFLOP/s of 7 timed repetitions of at least 0.2 s each, after 1 s of warm-up. */
    private static double measure(int n, Runnable call) {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        int calls = 0;
        while (System.nanoTime() < warmEnd || calls < 3) {
            call.run();
            calls++;
        }
        double[] g = new double[7];
        for (int r = 0; r < g.length; r++) {
            long t0 = System.nanoTime();
            long t1;
            int done = 0;
            do {
                call.run();
                done++;
                t1 = System.nanoTime();
            } while (t1 - t0 < 200_000_000L);
            g[r] = flops(n) * done / (t1 - t0);
        }
        Arrays.sort(g);
        return g[g.length / 2];
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
