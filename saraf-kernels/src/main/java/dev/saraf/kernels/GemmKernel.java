package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: one {@code [MR, NR]} tile of C from a packed A
 * micro-panel ({@code [kc, MR]}, row p holds A[0..MR-1][p]) and a packed B micro-panel
 * ({@code [kc, NR]}), {@code NR = 2} vectors wide. With 256-bit vectors (AVX2, 16 registers) the
 * tile is {@code MR = 6} rows: 12 accumulators, two B vectors and one broadcast A value (15
 * registers). With 512-bit vectors (AVX-512, 32 registers) it is 12 rows: 24 accumulators, 27
 * registers. Each k-step of a 12-row tile loads the B micro-panel once for twice the multiply-adds,
 * which halves the B traffic from L2 per flop (measured on a Xeon with AVX-512, one thread, same
 * blocking: 133-139 GFLOP/s against 104-115 for 6 rows, 84% of the FMA peak against 67%; 8 rows
 * gave 118-130, 14 rows 122-145 but wasted more of short matrices, 8 x 3 vectors 107-133).
 *
 * <p>Every tile is computed the same way whatever its position in C (edge tiles go through a
 * scratch tile and {@link #merge}), so the result does not depend on how C is split over threads.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Whether vectors are 512 bits or wider, with registers for a 12-row tile. */
    static final boolean TALL = L >= 16;
    static final int MR = TALL ? 12 : 6;
    static final int NR = 2 * L;

    private GemmKernel() {}

    /**
     * {@code C[r][c] = alpha * sum_p A[r][p] B[p][c] + beta * C[r][c]} for a full tile at
     * {@code c[co + r * ldc + c]}; {@code beta == 0} ignores the old C.
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo,
                     float alpha, float beta, float[] c, int co, int ldc) {
        if (TALL) {
            tile12(kc, ap, ao, bp, bo, alpha, beta, c, co, ldc);
        } else {
            tile6(kc, ap, ao, bp, bo, alpha, beta, c, co, ldc);
        }
    }

    /** {@link #tile} for 6 rows. */
    private static void tile6(int kc, float[] ap, int ao, float[] bp, int bo,
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

    /** {@link #tile} for 12 rows: 24 accumulators, two B vectors and one broadcast (27 of the 32 registers of AVX-512). */
    private static void tile12(int kc, float[] ap, int ao, float[] bp, int bo,
                               float alpha, float beta, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S), c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S), c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
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
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(S, ap[ai + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(S, ap[ai + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(S, ap[ai + 10]);
            c100 = a.fma(b0, c100);
            c101 = a.fma(b1, c101);
            a = FloatVector.broadcast(S, ap[ai + 11]);
            c110 = a.fma(b0, c110);
            c111 = a.fma(b1, c111);
            ai += MR;
            bi += NR;
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        int r0 = co, r1 = co + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        int r6 = r5 + ldc, r7 = r6 + ldc, r8 = r7 + ldc, r9 = r8 + ldc, r10 = r9 + ldc, r11 = r10 + ldc;
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
            c60.mul(va).intoArray(c, r6);
            c61.mul(va).intoArray(c, r6 + L);
            c70.mul(va).intoArray(c, r7);
            c71.mul(va).intoArray(c, r7 + L);
            c80.mul(va).intoArray(c, r8);
            c81.mul(va).intoArray(c, r8 + L);
            c90.mul(va).intoArray(c, r9);
            c91.mul(va).intoArray(c, r9 + L);
            c100.mul(va).intoArray(c, r10);
            c101.mul(va).intoArray(c, r10 + L);
            c110.mul(va).intoArray(c, r11);
            c111.mul(va).intoArray(c, r11 + L);
        } else {
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
            c60.fma(va, FloatVector.fromArray(S, c, r6).mul(beta)).intoArray(c, r6);
            c61.fma(va, FloatVector.fromArray(S, c, r6 + L).mul(beta)).intoArray(c, r6 + L);
            c70.fma(va, FloatVector.fromArray(S, c, r7).mul(beta)).intoArray(c, r7);
            c71.fma(va, FloatVector.fromArray(S, c, r7 + L).mul(beta)).intoArray(c, r7 + L);
            c80.fma(va, FloatVector.fromArray(S, c, r8).mul(beta)).intoArray(c, r8);
            c81.fma(va, FloatVector.fromArray(S, c, r8 + L).mul(beta)).intoArray(c, r8 + L);
            c90.fma(va, FloatVector.fromArray(S, c, r9).mul(beta)).intoArray(c, r9);
            c91.fma(va, FloatVector.fromArray(S, c, r9 + L).mul(beta)).intoArray(c, r9 + L);
            c100.fma(va, FloatVector.fromArray(S, c, r10).mul(beta)).intoArray(c, r10);
            c101.fma(va, FloatVector.fromArray(S, c, r10 + L).mul(beta)).intoArray(c, r10 + L);
            c110.fma(va, FloatVector.fromArray(S, c, r11).mul(beta)).intoArray(c, r11);
            c111.fma(va, FloatVector.fromArray(S, c, r11 + L).mul(beta)).intoArray(c, r11 + L);
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
