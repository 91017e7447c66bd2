package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: one {@code [MR, NR]} tile of C from a packed A
 * micro-panel ({@code [kc, MR]}, row p holds A[0..MR-1][p]) and a packed B micro-panel
 * ({@code [kc, NR]}). {@code MR = 6} rows by {@code NR = 2} vectors keeps 12 accumulators, two B
 * vectors and one broadcast A value in registers (15 of the 16 on AVX2).
 *
 * <p>Every tile is computed the same way whatever its position in C (edge tiles go through a
 * scratch tile and {@link #merge}), so the result does not depend on how C is split over threads.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;

    private GemmKernel() {}

    /**
     * {@code C[r][c] = alpha * sum_p A[r][p] B[p][c] + beta * C[r][c]} for a full tile at
     * {@code c[co + r * ldc + c]}; {@code beta == 0} ignores the old C.
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo,
                     float alpha, float beta, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int ai = ao;
        int bi = bo;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a = FloatVector.broadcast(S, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            ai += MR;
            bi += NR;
        }
        // stores written out: helper calls here exceed C2's inlining budget and box the vectors
        FloatVector va = FloatVector.broadcast(S, alpha);
        int r0 = co, r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (beta == 0f) {
            c00.mul(va).intoArray(c, r0);
            c01.mul(va).intoArray(c, r0 + L);
            c10.mul(va).intoArray(c, r1);
            c11.mul(va).intoArray(c, r1 + L);
            c20.mul(va).intoArray(c, r2);
            c21.mul(va).intoArray(c, r2 + L);
            c30.mul(va).intoArray(c, r3);
            c31.mul(va).intoArray(c, r3 + L);
            c40.mul(va).intoArray(c, r4);
            c41.mul(va).intoArray(c, r4 + L);
            c50.mul(va).intoArray(c, r5);
            c51.mul(va).intoArray(c, r5 + L);
        } else {
            // x * 1 is exact, so beta == 1 needs no branch of its own
            c00.fma(va, FloatVector.fromArray(S, c, r0).mul(beta)).intoArray(c, r0);
            c01.fma(va, FloatVector.fromArray(S, c, r0 + L).mul(beta)).intoArray(c, r0 + L);
            c10.fma(va, FloatVector.fromArray(S, c, r1).mul(beta)).intoArray(c, r1);
            c11.fma(va, FloatVector.fromArray(S, c, r1 + L).mul(beta)).intoArray(c, r1 + L);
            c20.fma(va, FloatVector.fromArray(S, c, r2).mul(beta)).intoArray(c, r2);
            c21.fma(va, FloatVector.fromArray(S, c, r2 + L).mul(beta)).intoArray(c, r2 + L);
            c30.fma(va, FloatVector.fromArray(S, c, r3).mul(beta)).intoArray(c, r3);
            c31.fma(va, FloatVector.fromArray(S, c, r3 + L).mul(beta)).intoArray(c, r3 + L);
            c40.fma(va, FloatVector.fromArray(S, c, r4).mul(beta)).intoArray(c, r4);
            c41.fma(va, FloatVector.fromArray(S, c, r4 + L).mul(beta)).intoArray(c, r4 + L);
            c50.fma(va, FloatVector.fromArray(S, c, r5).mul(beta)).intoArray(c, r5);
            c51.fma(va, FloatVector.fromArray(S, c, r5 + L).mul(beta)).intoArray(c, r5 + L);
        }
    }

    /**
     * Merges the top-left {@code [rows, cols]} of a scratch tile holding the raw sums
     * ({@code [MR, NR]}, alpha 1, beta 0) into C, rounding exactly as {@link #tile} does.
     */
    static void merge(float[] t, int rows, int cols, float alpha, float beta, float[] c, int co, int ldc) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            for (int j = 0; j < cols; j++) {
                float acc = t[ti + j];
                c[ci + j] = beta == 0f ? acc * alpha : Math.fma(acc, alpha, c[ci + j] * beta);
            }
        }
    }
}
