package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.L;
import static dev.saraf.kernels.GemmKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * GEMM without packing, for problems too small to repay it and for one or two rows of A (batch-1
 * inference: {@code [1, k] x [k, n]} reads B once, straight from the caller's array).
 *
 * <p>Each element of C is summed in the same order wherever it lies, so a split over threads does
 * not change the result.
 */
final class GemmDirect {
    /** Column block of the op(B)-not-transposed path: four vectors of accumulators. */
    private static final int NB = 4 * L;
    /**
     * Below this many multiply-adds the direct path runs on the calling thread alone. A
     * vector-matrix product is bound by reading B, so two threads each reading half of it from
     * their own core's L2 pay for the fan-out early: W-MLP's batch-1 first layer [1, 256] x 784
     * (200 K) took 9.2 us on one thread and 6.2 on two (the whole batch-1 forward 12.1 -> 9.4-9.7
     * us), where the threshold was 1 M.
     */
    private static final long PARALLEL_WORK = 1L << 17;

    private GemmDirect() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int grain = work >= PARALLEL_WORK ? Math.max(NB, n / Parallel.threads()) : Integer.MAX_VALUE;
        if (!transB) {
            // split columns in whole blocks of NB so every thread takes the same code path per element
            int blocks = (n + NB - 1) / NB;
            Parallel.forRange(blocks, Math.max(1, grain / NB), (lo, hi) ->
                    rowTimesB(transA, m, lo * NB, Math.min(n, hi * NB), k, alpha, a, aOff, lda,
                            b, bOff, ldb, beta, c, cOff, ldc));
        } else if (!transA && m > n) {
            // few columns (A B^T with a narrow B): split the rows instead
            int rowGrain = work >= PARALLEL_WORK ? Math.max(1, m / Parallel.threads()) : Integer.MAX_VALUE;
            Parallel.forRange(m, rowGrain, (lo, hi) ->
                    dots(hi - lo, 0, n, k, alpha, a, aOff + lo * lda, lda, b, bOff, ldb, beta, c, cOff + lo * ldc, ldc));
        } else if (!transA) {
            Parallel.forRange(n, grain, (lo, hi) ->
                    dots(m, lo, hi, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        } else {
            scalar(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** op(B) = B stored [k, n]: vectorised along the columns j0..j1 of C. */
    private static void rowTimesB(boolean transA, int m, int j0, int j1, int k,
                                  float alpha, float[] a, int aOff, int lda,
                                  float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
        int ai = transA ? 1 : lda;  // step between rows of op(A)
        int ap = transA ? lda : 1;  // step along k
        for (int i = 0; i < m; i++) {
            int a0 = aOff + i * ai;
            int ci = cOff + i * ldc;
            int j = j0;
            for (; j + NB <= j1; j += NB) {
                FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    FloatVector av = FloatVector.broadcast(S, a[a0 + p * ap]);
                    int bi = bOff + p * ldb + j;
                    s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                update(s0, alpha, beta, c, ci + j);
                update(s1, alpha, beta, c, ci + j + L);
                update(s2, alpha, beta, c, ci + j + 2 * L);
                update(s3, alpha, beta, c, ci + j + 3 * L);
            }
            for (; j + L <= j1; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = FloatVector.broadcast(S, a[a0 + p * ap])
                            .fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                update(s0, alpha, beta, c, ci + j);
            }
            for (; j < j1; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[a0 + p * ap], b[bOff + p * ldb + j], s);
                }
                c[ci + j] = combine(s, alpha, beta, c[ci + j]);
            }
        }
    }

    /** op(A) = A stored [m, k], op(B) = B^T with B stored [n, k]: dot products along k. */
    private static void dots(int m, int j0, int j1, int k, float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        int kv = k - k % L;
        for (int i = 0; i < m; i++) {
            int a0 = aOff + i * lda;
            int ci = cOff + i * ldc;
            int j = j0;
            // four columns at a time: four independent FMA chains hide the FMA latency and share
            // each load of A; every element is still summed exactly as in the one-column loop
            for (; j + 4 <= j1; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    FloatVector av = FloatVector.fromArray(S, a, a0 + p);
                    s0 = av.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                    s1 = av.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                    s2 = av.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                    s3 = av.fma(FloatVector.fromArray(S, b, b3 + p), s3);
                }
                float t0 = Lanes.sum(s0);
                float t1 = Lanes.sum(s1);
                float t2 = Lanes.sum(s2);
                float t3 = Lanes.sum(s3);
                for (int p = kv; p < k; p++) {
                    float av = a[a0 + p];
                    t0 = Math.fma(av, b[b0 + p], t0);
                    t1 = Math.fma(av, b[b1 + p], t1);
                    t2 = Math.fma(av, b[b2 + p], t2);
                    t3 = Math.fma(av, b[b3 + p], t3);
                }
                c[ci + j] = combine(t0, alpha, beta, c[ci + j]);
                c[ci + j + 1] = combine(t1, alpha, beta, c[ci + j + 1]);
                c[ci + j + 2] = combine(t2, alpha, beta, c[ci + j + 2]);
                c[ci + j + 3] = combine(t3, alpha, beta, c[ci + j + 3]);
            }
            for (; j < j1; j++) {
                int b0 = bOff + j * ldb;
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    s0 = FloatVector.fromArray(S, a, a0 + p).fma(FloatVector.fromArray(S, b, b0 + p), s0);
                }
                float s = Lanes.sum(s0);
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[a0 + p], b[b0 + p], s);
                }
                c[ci + j] = combine(s, alpha, beta, c[ci + j]);
            }
        }
    }

    /** Both operands transposed and tiny: plain loops. */
    private static void scalar(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                               float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[aOff + p * lda + i], b[bOff + j * ldb + p], s);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = combine(s, alpha, beta, c[ci]);
            }
        }
    }

    private static void update(FloatVector acc, float alpha, float beta, float[] c, int i) {
        if (beta == 0f) {
            acc.mul(alpha).intoArray(c, i);
        } else {
            FloatVector old = FloatVector.fromArray(S, c, i);
            acc.fma(FloatVector.broadcast(S, alpha), beta == 1f ? old : old.mul(beta)).intoArray(c, i);
        }
    }

    private static float combine(float acc, float alpha, float beta, float old) {
        return beta == 0f ? acc * alpha : Math.fma(acc, alpha, beta == 1f ? old : old * beta);
    }
}
