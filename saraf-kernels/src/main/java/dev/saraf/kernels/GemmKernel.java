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
        store(c00, c01, alpha, beta, c, co, ldc, 0);
        store(c10, c11, alpha, beta, c, co, ldc, 1);
        store(c20, c21, alpha, beta, c, co, ldc, 2);
        store(c30, c31, alpha, beta, c, co, ldc, 3);
        store(c40, c41, alpha, beta, c, co, ldc, 4);
        store(c50, c51, alpha, beta, c, co, ldc, 5);
    }

    private static void store(FloatVector v0, FloatVector v1, float alpha, float beta,
                              float[] c, int co, int ldc, int row) {
        int i = co + row * ldc;
        update(v0, alpha, beta, c, i);
        update(v1, alpha, beta, c, i + L);
    }

    private static void update(FloatVector acc, float alpha, float beta, float[] c, int i) {
        if (beta == 0f) {
            acc.mul(alpha).intoArray(c, i);
        } else if (beta == 1f) {
            acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, c, i)).intoArray(c, i);
        } else {
            acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, c, i).mul(beta)).intoArray(c, i);
        }
    }

    /**
     * Merges the top-left {@code [rows, cols]} of a scratch tile holding the raw sums
     * ({@code [MR, NR]}, alpha 1, beta 0) into C, rounding exactly as {@link #update} does.
     */
    static void merge(float[] t, int rows, int cols, float alpha, float beta, float[] c, int co, int ldc) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ti = r * NR;
            for (int j = 0; j < cols; j++) {
                float acc = t[ti + j];
                c[ci + j] = beta == 0f ? acc * alpha
                        : beta == 1f ? Math.fma(acc, alpha, c[ci + j])
                        : Math.fma(acc, alpha, c[ci + j] * beta);
            }
        }
    }
}
