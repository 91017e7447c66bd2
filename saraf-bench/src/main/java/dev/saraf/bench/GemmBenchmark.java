package dev.saraf.bench;

import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square single-precision GEMM, {@code C[n, n] = A[n, n] B[n, n]}, by saraf ({@link Gemm#sgemm})
 * and by OpenBLAS ({@code cblas_sgemm} through FFM), each pinned to {@code threads} threads.
 * Each (variant, n, threads) runs in its own fork, so neither library's idle threads disturb the other.
 * GFLOP/s = {@code 2 n^3 / time}; {@link GemmReport} prints them side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseParallelGC", "-Xms2g", "-Xmx2g"})
public class GemmBenchmark {
    /** Matrix size. */
    @Param({"256", "512", "1024", "2048"})
    public int n;

    /** Threads the library may use. */
    @Param({"1", "2"})
    public int threads;

    /** Which library: {@code saraf} or {@code openblas} (named so JMH, which orders cases by parameter name, runs the two back to back for each n and thread count). */
    @Param({"saraf", "openblas"})
    public String variant;

    private float[] a;
    private float[] b;
    private float[] c;
    private Runnable saraf;
    private Arena arena;
    private OpenBlas blas;
    private MemorySegment na;
    private MemorySegment nb;
    private MemorySegment nc;

    /** Random operands, and native copies for OpenBLAS. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        a = random(n * n, rng);
        b = random(n * n, rng);
        c = new float[n * n];
        saraf = () -> Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        if (variant.equals("openblas")) {
            blas = OpenBlas.load().orElseThrow(() -> new IllegalStateException(OpenBlas.INSTALL_HINT));
            blas.setThreads(threads);
            arena = Arena.ofShared();
            na = copy(a);
            nb = copy(b);
            nc = arena.allocate((long) n * n * Float.BYTES, 64);
        } else if (!variant.equals("saraf")) {
            throw new IllegalArgumentException("variant must be saraf or openblas, got " + variant);
        }
    }

    /** Frees the native copies. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null) {
            arena.close();
        }
    }

    /** One {@code n x n x n} product. */
    @Benchmark
    public void sgemm() {
        if (blas != null) {
            blas.sgemm(false, false, n, n, n, 1f, na, n, nb, n, 0f, nc, n);
        } else {
            Parallel.withThreads(threads, saraf);
        }
    }

    private MemorySegment copy(float[] x) {
        MemorySegment s = arena.allocate((long) x.length * Float.BYTES, 64);
        MemorySegment.copy(x, 0, s, ValueLayout.JAVA_FLOAT, 0, x.length);
        return s;
    }

    static float[] random(int size, SplittableRandom rng) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
