package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The fast {@link Gemm} against {@link GemmReference} on awkward shapes, strides and scalars. */
class GemmTest {

    /** One GEMM problem with padded leading dimensions and offsets, and its random operands. */
    record Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                   int aOff, int lda, int bOff, int ldb, int cOff, int ldc,
                   float[] a, float[] b, float[] c) {

        static Problem random(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float beta, SplittableRandom rng, boolean padded) {
            int aCols = transA ? m : k;
            int aRows = transA ? k : m;
            int bCols = transB ? k : n;
            int bRows = transB ? n : k;
            int lda = aCols + (padded ? rng.nextInt(5) : 0);
            int ldb = bCols + (padded ? rng.nextInt(5) : 0);
            int ldc = n + (padded ? rng.nextInt(5) : 0);
            int aOff = padded ? rng.nextInt(7) : 0;
            int bOff = padded ? rng.nextInt(7) : 0;
            int cOff = padded ? rng.nextInt(7) : 0;
            float[] a = fill(aOff + aRows * lda + 3, rng);
            float[] b = fill(bOff + bRows * ldb + 3, rng);
            float[] c = fill(cOff + m * ldc + 3, rng);
            return new Problem(transA, transB, m, n, k, alpha, beta, aOff, lda, bOff, ldb, cOff, ldc, a, b, c);
        }

        float[] fast() {
            float[] out = c.clone();
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        float[] fast(int threads) {
            float[][] out = new float[1][];
            Parallel.withThreads(threads, () -> {
                out[0] = fast();
            });
            return out[0];
        }

        float[] reference() {
            float[] out = c.clone();
            GemmReference.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        /** The same sum over absolute values: the scale of the rounding error of each element. */
        float[] magnitude() {
            float[] out = abs(c);
            GemmReference.sgemm(transA, transB, m, n, k, Math.abs(alpha), abs(a), aOff, lda, abs(b), bOff, ldb,
                    Math.abs(beta), out, cOff, ldc);
            return out;
        }

        @Override
        public String toString() {
            return "sgemm(" + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + ")";
        }
    }

    static float[] fill(int size, SplittableRandom rng) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return y;
    }

    /** Every element within 1e-4 of its magnitude; everything outside C untouched. */
    static void assertClose(Problem p, float[] actual) {
        float[] expected = p.reference();
        float[] scale = p.magnitude();
        for (int i = 0; i < actual.length; i++) {
            double tol = 1e-4 * Math.max(scale[i], 1e-3);
            boolean same = Float.compare(actual[i], expected[i]) == 0;  // NaN outside C stays NaN
            if (!same && !(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(p + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    static final int[] AWKWARD = {1, 2, 3, 7, 8, 13, 16, 17, 31, 33, 97, 150, 257};

    static Stream<Arguments> shapes() {
        SplittableRandom rng = new SplittableRandom(42);
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            for (int r = 0; r < 14; r++) {
                int m;
                int n;
                int k;
                do { // keep the double-precision reference quick
                    m = AWKWARD[rng.nextInt(AWKWARD.length)];
                    n = AWKWARD[rng.nextInt(AWKWARD.length)];
                    k = AWKWARD[rng.nextInt(AWKWARD.length)];
                } while ((long) m * n * k > 1_000_000);
                out.add(Arguments.of(ta, tb, m, n, k, rng.nextLong()));
            }
            // block edges: more than kc deep, more than nc columns
            out.add(Arguments.of(ta, tb, 151, 37, 300, rng.nextLong()));
            out.add(Arguments.of(ta, tb, 7, GemmBlocked.DEFAULT.nc() + 21, 5, rng.nextLong()));
            out.add(Arguments.of(ta, tb, 1, 784, 256, rng.nextLong()));
            out.add(Arguments.of(ta, tb, 64, 1, 97, rng.nextLong()));
            // a B large enough that B^T panels are packed through row copies (n * k > 2^18)
            out.add(Arguments.of(ta, tb, 7, 700, 401, rng.nextLong()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
    @MethodSource("shapes")
    void matchesReferenceWithOneAndTwoThreads(boolean ta, boolean tb, int m, int n, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] alphas = {1f, -0.5f, 2f};
        float[] betas = {0f, 1f, 0.25f};
        Problem p = Problem.random(ta, tb, m, n, k, alphas[rng.nextInt(3)], betas[rng.nextInt(3)], rng, true);
        assertClose(p, p.fast(1));
        assertClose(p, p.fast(2));
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void tinyBlocksCrossEveryBlockEdge(boolean ta, boolean tb) {
        // blocks far smaller than the real ones, so small matrices span many row, k and column
        // blocks, and many chunks that the threads take as they come; the second takes deeper
        // k-slices once C has 400 elements
        GemmBlocked.Blocking[] tinies = {
            new GemmBlocked.Blocking(2 * GemmKernel.MR, 5, 2 * GemmKernel.NR, 5, Long.MAX_VALUE),
            new GemmBlocked.Blocking(2 * GemmKernel.MR, 5, 2 * GemmKernel.NR, 9, 400),
            // B blocks widened for shallow slices: 3 panels at depth 5, 1 at depth 9
            new GemmBlocked.Blocking(2 * GemmKernel.MR, 5, GemmKernel.NR, 9, Long.MAX_VALUE, 3 * GemmKernel.NR * 5)};
        SplittableRandom rng = new SplittableRandom(ta ? 5 : 9);
        for (int[] s : new int[][] {{13, 37, 11}, {25, 65, 17}, {1, 33, 5}, {12, 32, 10}, {7, 1, 3}, {150, 97, 31}}) {
            for (GemmBlocked.Blocking tiny : tinies) {
                for (float beta : new float[] {0f, 1f, -0.75f}) {
                    Problem p = Problem.random(ta, tb, s[0], s[1], s[2], 0.5f, beta, rng, true);
                    float[] one = null;
                    for (int threads : new int[] {1, 2, 3}) {
                        float[] out = p.c().clone();
                        Parallel.withThreads(threads, () -> GemmBlocked.sgemm(tiny, p.transA(), p.transB(), p.m(), p.n(),
                                p.k(), p.alpha(), p.a(), p.aOff(), p.lda(), p.b(), p.bOff(), p.ldb(), p.beta(), out,
                                p.cOff(), p.ldc()));
                        assertClose(p, out);
                        if (one == null) {
                            one = out;
                        } else {
                            assertThat(out).as("%s on %d threads, %s", p, threads, tiny).isEqualTo(one);
                        }
                    }
                }
            }
        }
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(true, false),
                Arguments.of(false, true), Arguments.of(true, true));
    }

    @Test
    void rejectsBadBlocking() {
        assertThatThrownBy(() -> new GemmBlocked.Blocking(GemmKernel.MR, 8, GemmKernel.NR + 1, 8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nc a multiple of");
    }

    @Test
    void betaZeroOverwritesNaN() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int[] s : new int[][] {{3, 5, 4}, {1, 300, 17}, {40, 33, 70}}) {
            Problem p = Problem.random(false, true, s[0], s[1], s[2], 1.5f, 0f, rng, true);
            Arrays.fill(p.c(), Float.NaN);
            float[] out = p.fast(2);
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    assertThat(out[p.cOff() + i * p.ldc() + j]).as("%s C[%d][%d]", p, i, j).isFinite();
                }
            }
            assertClose(p, out);
        }
    }

    @Test
    void emptySumScalesC() {
        SplittableRandom rng = new SplittableRandom(3);
        Problem p = Problem.random(false, false, 5, 6, 0, 1f, 0.5f, rng, true);
        assertClose(p, p.fast());
        Problem z = Problem.random(true, false, 5, 6, 0, 1f, 0f, rng, true);
        Arrays.fill(z.c(), Float.NaN);
        float[] out = z.fast();
        assertThat(out[z.cOff()]).isZero();
    }

    @Test
    void sameThreadCountGivesBitIdenticalResults() {
        SplittableRandom rng = new SplittableRandom(11);
        Problem p = Problem.random(false, false, 203, 190, 311, 1f, 0f, rng, false);
        float[] one = p.fast(1);
        assertThat(p.fast(1)).isEqualTo(one);
        float[] two = p.fast(2);
        assertThat(p.fast(2)).isEqualTo(two);
        // tiles are computed identically wherever they fall, so the split does not matter either
        assertThat(two).isEqualTo(one);
        // nor does the schedule: chunks go to whichever thread is free, so repeat
        for (int threads = 1; threads <= 3; threads++) {
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(p.fast(threads)).as("%d threads, run %d", threads, repeat).isEqualTo(one);
            }
        }
        // the unpacked path for a single row, large enough to be split over threads
        for (boolean tb : new boolean[] {false, true}) {
            Problem row = Problem.random(false, tb, 1, 4099, 301, 1f, 0f, rng, false);
            float[] r1 = row.fast(1);
            assertThat(row.fast(2)).as("%s", row).isEqualTo(r1);
            assertClose(row, r1);
        }
        // chunks of rows (tall C) or columns (short C), every transpose, 1 to 3 threads
        for (int[] shape : new int[][] {{300, 70, 129}, {40, 500, 77}, {7, 1000, 50}}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Problem q = Problem.random(ta, tb, shape[0], shape[1], shape[2], 0.5f, 1f, rng, true);
                    float[] q1 = q.fast(1);
                    assertThat(q.fast(2)).as("%s", q).isEqualTo(q1);
                    assertThat(q.fast(3)).as("%s", q).isEqualTo(q1);
                    assertClose(q, q1);
                }
            }
        }
        // A B^T narrower than a micro-tile: unpacked dot products, rows split over threads
        Problem narrow = Problem.random(false, true, 601, 9, 301, 1f, 0f, rng, false);
        float[] n1 = narrow.fast(1);
        assertThat(narrow.fast(2)).as("%s", narrow).isEqualTo(n1);
        assertClose(narrow, n1);
    }

    @Test
    void biasAndReluAppliedTileByTileAreThePlainProductFollowedByAddRowsBitForBit() {
        SplittableRandom rng = new SplittableRandom(19);
        // the packed kernel split by rows (tall C), by columns (short C), several k-slices (k =
        // 1100 with beta 1 on the later ones), several column blocks (n = 1100), the unpacked kernel
        // (few rows, tiny), edge tiles
        int[][] shapes = {{300, 70, 129}, {128, 256, 784}, {40, 97, 1100}, {20, 1100, 300}, {3, 50, 40}, {9, 5, 3},
            {1000, 10, 128}};
        for (int[] shape : shapes) {
            for (boolean relu : new boolean[] {false, true}) {
                for (int threads = 1; threads <= 3; threads++) {
                    Problem p = Problem.random(false, true, shape[0], shape[1], shape[2], 1f, 0f, rng, true);
                    float[] bias = fill(2 + p.n() + 3, rng);
                    bias[2] = Float.NaN;
                    float[] fused = p.c().clone();
                    float[] plain = p.c().clone();
                    Parallel.withThreads(threads, () -> {
                        Gemm.sgemmBias(false, true, p.m(), p.n(), p.k(), 1f, p.a(), p.aOff(), p.lda(), p.b(), p.bOff(),
                                p.ldb(), 0f, fused, p.cOff(), p.ldc(), bias, 2, relu);
                        Gemm.sgemm(false, true, p.m(), p.n(), p.k(), 1f, p.a(), p.aOff(), p.lda(), p.b(), p.bOff(),
                                p.ldb(), 0f, plain, p.cOff(), p.ldc());
                        for (int i = 0; i < p.m(); i++) {
                            MapKernels.addRows(plain, p.cOff() + i * p.ldc(), 1, p.n(), bias, 2, relu);
                        }
                    });
                    assertThat(fused).as("%s relu %s threads %d", p, relu, threads).isEqualTo(plain);
                }
            }
        }
        assertThatThrownBy(() -> Gemm.sgemmBias(false, false, 2, 3, 4, 1f, new float[8], 0, 4, new float[12], 0, 3, 0f,
                new float[6], 0, 3, new float[4], 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias of 3 values from offset 2");
    }

    @Test
    void badArgumentsNameTheProblem() {
        float[] x = new float[12];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative size m=-1");
        float[] big = new float[15];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 3, 5, 1f, big, 0, 5, x, 0, 3, 0f, x, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B [5, 3]");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 1, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading dimension of A is 1");
        assertThatThrownBy(() -> Gemm.sgemm(true, false, 2, 2, 2, 1f, null, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A is null");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 2, 1f, x, 11, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at offset 11");
    }
}
