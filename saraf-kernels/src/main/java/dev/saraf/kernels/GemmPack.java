package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.L;
import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

import jdk.incubator.vector.FloatVector;

/**
 * Packs blocks of op(A) and op(B) into the contiguous micro-panel layout {@link GemmKernel} reads,
 * zero-padding the last panel so the kernel always runs full tiles. The transposes are absorbed
 * here: the kernel sees the same layout for all four combinations.
 *
 * <p>Each storage layout has its own method: one method branching on the transpose flag gets its
 * JIT profile polluted when a program uses both layouts (a network's forward pass multiplies by
 * W^T, its backward pass by W), and was measured recompiling into code up to 2x slower.
 */
final class GemmPack {
    private GemmPack() {}

    /**
     * Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] as ceil(mc / MR) panels of {@code [kc, MR]}, panel
     * {@code q} starting at {@code dst[q * MR * kc]}.
     */
    static void packA(float[] dst, boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc) {
        if (transA) {
            packAColumns(dst, a, aOff, lda, i0, mc, p0, kc);
        } else {
            packARows(dst, a, aOff, lda, i0, mc, p0, kc);
        }
    }

    /** A stored [m, k]: each panel row is a run of one row of A. */
    private static void packARows(float[] dst, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (rows == MR) {
                // six sequential read streams, one sequential write stream
                int s0 = aOff + (i0 + ir) * lda + p0;
                int s1 = s0 + lda;
                int s2 = s1 + lda;
                int s3 = s2 + lda;
                int s4 = s3 + lda;
                int s5 = s4 + lda;
                for (int p = 0, d = base; p < kc; p++, d += MR) {
                    dst[d] = a[s0 + p];
                    dst[d + 1] = a[s1 + p];
                    dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p];
                    dst[d + 4] = a[s4 + p];
                    dst[d + 5] = a[s5 + p];
                }
            } else {
                // the last, partial panel: read each row sequentially, write with stride MR
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + r + p * MR] = a[src + p];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + r + p * MR] = 0f;
                    }
                }
            }
        }
    }

    /** A stored [k, m]: the MR values of a panel row are contiguous in A. */
    private static void packAColumns(float[] dst, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0 + ir;
                int d = base + p * MR;
                for (int r = 0; r < rows; r++) {
                    dst[d + r] = a[src + r];
                }
                for (int r = rows; r < MR; r++) {
                    dst[d + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as ceil(nc / NR) panels of {@code [kc, NR]}, panel
     * {@code q} starting at {@code dst[dOff + q * NR * kc]}.
     */
    static void packB(float[] dst, int dOff, boolean transB, float[] b, int bOff, int ldb,
                      int p0, int kc, int j0, int nc) {
        if (transB) {
            packBColumns(dst, dOff, b, bOff, ldb, p0, kc, j0, nc);
        } else {
            packBRows(dst, dOff, b, bOff, ldb, p0, kc, j0, nc);
        }
    }

    /** B stored [k, n]: a panel row is a contiguous run of NR values, copied as two vectors. */
    private static void packBRows(float[] dst, int dOff, float[] b, int bOff, int ldb,
                                  int p0, int kc, int j0, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = dOff + jr * kc;
            if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int d = base + p * NR;
                    FloatVector.fromArray(GemmKernel.S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(GemmKernel.S, b, src + L).intoArray(dst, d + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int d = base + p * NR;
                    for (int c = 0; c < cols; c++) {
                        dst[d + c] = b[src + c];
                    }
                    for (int c = cols; c < NR; c++) {
                        dst[d + c] = 0f;
                    }
                }
            }
        }
    }

    /** B stored [n, k] (op(B) = B^T): read each column of op(B) sequentially, write with stride NR. */
    private static void packBColumns(float[] dst, int dOff, float[] b, int bOff, int ldb,
                                     int p0, int kc, int j0, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = dOff + jr * kc;
            for (int c = 0; c < cols; c++) {
                int src = bOff + (j0 + jr + c) * ldb + p0;
                int d = base + c;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR] = b[src + p];
                }
            }
            for (int c = cols; c < NR; c++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + c + p * NR] = 0f;
                }
            }
        }
    }
}
