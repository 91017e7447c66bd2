package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.L;
import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

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
     * {@code q} starting at {@code dst[dOff + q * MR * kc]}.
     */
    static void packA(float[] dst, int dOff, boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc) {
        if (transA) {
            packAColumns(dst, dOff, a, aOff, lda, i0, mc, p0, kc);
        } else {
            packARows(dst, dOff, a, aOff, lda, i0, mc, p0, kc);
        }
    }

    /** A stored [m, k]: each panel row is a run of one row of A. */
    private static void packARows(float[] dst, int dOff, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = dOff + ir * kc;
            if (rows == MR) {
                // MR sequential read streams (6 rows, or two halves of 6), one sequential write stream
                int s0 = aOff + (i0 + ir) * lda + p0;
                int s1 = s0 + lda;
                int s2 = s1 + lda;
                int s3 = s2 + lda;
                int s4 = s3 + lda;
                int s5 = s4 + lda;
                int p = 0;
                if (TRANSPOSE8) {
                    // 8 k-values at a time by register transposes of 6 rows; with MR = 6 each
                    // column's 8-lane store spills two floats into the next column, which the next
                    // store overwrites, so the last column is left to the scalar loop (its spill
                    // would leave the panel); 12-row panels store 6 lanes under a mask
                    for (; p + 8 < kc; p += 8) {
                        transposeSix(dst, base + p * MR, a, s0 + p, lda);
                        if (MR == 12) {
                            transposeSix(dst, base + p * MR + 6, a, s0 + 6 * lda + p, lda);
                        }
                    }
                }
                for (int d = base + p * MR; p < kc; p++, d += MR) {
                    dst[d] = a[s0 + p];
                    dst[d + 1] = a[s1 + p];
                    dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p];
                    dst[d + 4] = a[s4 + p];
                    dst[d + 5] = a[s5 + p];
                    for (int r = 6, sr = s5 + lda; r < MR; r++, sr += lda) {
                        dst[d + r] = a[sr + p];
                    }
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
    private static void packAColumns(float[] dst, int dOff, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = dOff + ir * kc;
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
     * {@code q} starting at {@code dst[dOff + q * NR * kc]}. {@code rows} is null or scratch of at
     * least {@code NR * kc} floats (used when op(B) = B^T, see {@link #packBColumns}).
     */
    static void packB(float[] dst, int dOff, boolean transB, float[] b, int bOff, int ldb,
                      int p0, int kc, int j0, int nc, float[] rows) {
        if (transB) {
            packBColumns(dst, dOff, b, bOff, ldb, p0, kc, j0, nc, rows);
        } else {
            packBRows(dst, dOff, b, bOff, ldb, p0, kc, 0, kc, j0, nc);
        }
    }

    /**
     * Packs rows {@code [from, to)} of the {@code kc}-deep panels of B[p0 .. p0+kc, j0 .. j0+nc],
     * B stored [k, n] (not transposed), laid out as {@link #packB} lays them out; threads pack
     * disjoint bands of rows. A panel row is a contiguous run of NR values, copied as two vectors,
     * and the panels are filled row of B by row, so each row is read once, sequentially: filling
     * one panel at a time instead steps a whole row of B (often a page) per read, past the
     * hardware prefetchers (measured: packing 2.0-2.6% of a 1-thread n = 1024 product instead of
     * 3.9-5.5%). The last, partial panel is zero-padded.
     */
    static void packBRows(float[] dst, int dOff, float[] b, int bOff, int ldb,
                          int p0, int kc, int from, int to, int j0, int nc) {
        int full = nc / NR;
        for (int p = from; p < to; p++) {
            int src = bOff + (p0 + p) * ldb + j0;
            int d = dOff + p * NR;
            for (int q = 0; q < full; q++, src += NR, d += NR * kc) {
                FloatVector.fromArray(GemmKernel.S, b, src).intoArray(dst, d);
                FloatVector.fromArray(GemmKernel.S, b, src + L).intoArray(dst, d + L);
            }
        }
        int cols = nc - full * NR;
        if (cols > 0) {
            int base = dOff + full * NR * kc;
            for (int p = from; p < to; p++) {
                int src = bOff + (p0 + p) * ldb + j0 + full * NR;
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

    /**
     * B stored [n, k] (op(B) = B^T): each panel row gathers one value from each of NR rows of B.
     * Full panels are transposed 8 x 8 in registers (measured 3x faster than one float at a time,
     * which made the conv weight gradient's B^T the slow step). Reading eight rows of B at once
     * starves the hardware prefetchers when B comes from memory (measured 1.5x slower than one
     * float at a time there), so given {@code rows} scratch the panel's NR rows are first copied,
     * each read sequentially, and transposed from L1; with {@code rows == null} (B small enough to
     * stay cached) straight from B, which overlaps the reads with the shuffles.
     */
    private static void packBColumns(float[] dst, int dOff, float[] b, int bOff, int ldb,
                                     int p0, int kc, int j0, int nc, float[] rows) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = dOff + jr * kc;
            if (cols == NR && TRANSPOSE8 && rows == null) {
                for (int h = 0; h < NR; h += 8) {
                    transposeBlocks(dst, base + h, b, bOff + (j0 + jr + h) * ldb + p0, ldb, kc);
                }
                continue;
            }
            if (cols == NR && TRANSPOSE8) {
                for (int r = 0; r < NR; r++) {
                    int src = bOff + (j0 + jr + r) * ldb + p0;
                    int d = r * kc;
                    int p = 0;
                    for (; p + L <= kc; p += L) {
                        FloatVector.fromArray(GemmKernel.S, b, src + p).intoArray(rows, d + p);
                    }
                    for (; p < kc; p++) {
                        rows[d + p] = b[src + p];
                    }
                }
                for (int h = 0; h < NR; h += 8) {
                    transposeBlocks(dst, base + h, rows, h * kc, kc, kc);
                }
                continue;
            }
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

    /**
     * The species of the 8 x 8 transposes: 8 lanes, AVX2's whole vector and half of AVX-512's
     * (whose 16-lane shuffles would need a fourth stage for panels only 6 or 8 rows deep).
     */
    private static final VectorSpecies<Float> E = FloatVector.SPECIES_256;
    /** Whether the machine has vectors of at least 256 bits, so that {@link #E} runs in registers. */
    private static final boolean TRANSPOSE8 = L >= 8;
    /** The six lanes a 12-row panel takes from each store of {@link #transposeSix}. */
    private static final VectorMask<Float> SIX = VectorMask.fromLong(E, 0b111111);

    /** Lane permutations of the 8 x 8 transpose: lane i takes lane i - d ({@code UP}) or i + d ({@code DOWN}), mod 8. */
    private static final VectorShuffle<Float> UP1 = rotation(-1);
    private static final VectorShuffle<Float> UP2 = rotation(-2);
    private static final VectorShuffle<Float> UP4 = rotation(-4);
    private static final VectorShuffle<Float> DOWN1 = rotation(1);
    private static final VectorShuffle<Float> DOWN2 = rotation(2);
    private static final VectorShuffle<Float> DOWN4 = rotation(4);
    /** Lanes whose index has bit d set: the upper half of each 2d-lane group. */
    private static final VectorMask<Float> ODD1 = bitSet(1);
    private static final VectorMask<Float> ODD2 = bitSet(2);
    private static final VectorMask<Float> ODD4 = bitSet(4);

    private static VectorShuffle<Float> rotation(int d) {
        return VectorShuffle.fromOp(E, i -> Math.floorMod(i + d, 8));
    }

    private static VectorMask<Float> bitSet(int d) {
        boolean[] bits = new boolean[8];
        for (int i = 0; i < 8; i++) {
            bits[i] = (i & d) != 0;
        }
        return VectorMask.fromArray(E, bits, 0);
    }

    /**
     * Writes {@code dst[d + p * NR + r] = b[s + r * ldb + p]} for r in [0, 8), p in [0, kc): eight
     * rows of B become eight columns of a panel. Each 8 x 8 block is transposed by swapping its
     * off-diagonal 4 x 4, then 2 x 2, then 1 x 1 blocks; a swap at distance d is one lane
     * rotation and one blend per output (cheaper than two-source shuffles, which measured 1.5x
     * slower). Requires {@link #TRANSPOSE8}.
     */
    private static void transposeBlocks(float[] dst, int d, float[] b, int s, int ldb, int kc) {
        var sp = E;
        int p = 0;
        for (; p + 8 <= kc; p += 8) {
            FloatVector r0 = FloatVector.fromArray(sp, b, s + p);
            FloatVector r1 = FloatVector.fromArray(sp, b, s + ldb + p);
            FloatVector r2 = FloatVector.fromArray(sp, b, s + 2 * ldb + p);
            FloatVector r3 = FloatVector.fromArray(sp, b, s + 3 * ldb + p);
            FloatVector r4 = FloatVector.fromArray(sp, b, s + 4 * ldb + p);
            FloatVector r5 = FloatVector.fromArray(sp, b, s + 5 * ldb + p);
            FloatVector r6 = FloatVector.fromArray(sp, b, s + 6 * ldb + p);
            FloatVector r7 = FloatVector.fromArray(sp, b, s + 7 * ldb + p);
            FloatVector t0 = r0.blend(r4.rearrange(UP4), ODD4);
            FloatVector t4 = r0.rearrange(DOWN4).blend(r4, ODD4);
            FloatVector t1 = r1.blend(r5.rearrange(UP4), ODD4);
            FloatVector t5 = r1.rearrange(DOWN4).blend(r5, ODD4);
            FloatVector t2 = r2.blend(r6.rearrange(UP4), ODD4);
            FloatVector t6 = r2.rearrange(DOWN4).blend(r6, ODD4);
            FloatVector t3 = r3.blend(r7.rearrange(UP4), ODD4);
            FloatVector t7 = r3.rearrange(DOWN4).blend(r7, ODD4);
            FloatVector u0 = t0.blend(t2.rearrange(UP2), ODD2);
            FloatVector u2 = t0.rearrange(DOWN2).blend(t2, ODD2);
            FloatVector u1 = t1.blend(t3.rearrange(UP2), ODD2);
            FloatVector u3 = t1.rearrange(DOWN2).blend(t3, ODD2);
            FloatVector u4 = t4.blend(t6.rearrange(UP2), ODD2);
            FloatVector u6 = t4.rearrange(DOWN2).blend(t6, ODD2);
            FloatVector u5 = t5.blend(t7.rearrange(UP2), ODD2);
            FloatVector u7 = t5.rearrange(DOWN2).blend(t7, ODD2);
            int o = d + p * NR;
            u0.blend(u1.rearrange(UP1), ODD1).intoArray(dst, o);
            u0.rearrange(DOWN1).blend(u1, ODD1).intoArray(dst, o + NR);
            u2.blend(u3.rearrange(UP1), ODD1).intoArray(dst, o + 2 * NR);
            u2.rearrange(DOWN1).blend(u3, ODD1).intoArray(dst, o + 3 * NR);
            u4.blend(u5.rearrange(UP1), ODD1).intoArray(dst, o + 4 * NR);
            u4.rearrange(DOWN1).blend(u5, ODD1).intoArray(dst, o + 5 * NR);
            u6.blend(u7.rearrange(UP1), ODD1).intoArray(dst, o + 6 * NR);
            u6.rearrange(DOWN1).blend(u7, ODD1).intoArray(dst, o + 7 * NR);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                dst[d + p * NR + r] = b[s + r * ldb + p];
            }
        }
    }

    /**
     * Writes {@code dst[d + p * MR + r] = a[s + r * lda + p]} for 6 rows r and p in [0, 8), as
     * {@link #transposeBlocks} with two empty rows. With MR = 6 each output is an 8-lane store at
     * stride 6, so lanes 6 and 7 spill into {@code dst[d + 48 .. d + 50)}, which the caller
     * overwrites next; with MR = 12 (half a panel) the stores are masked to 6 lanes. Requires
     * {@link #TRANSPOSE8}.
     */
    private static void transposeSix(float[] dst, int d, float[] a, int s, int lda) {
        var sp = E;
        FloatVector r0 = FloatVector.fromArray(sp, a, s);
        FloatVector r1 = FloatVector.fromArray(sp, a, s + lda);
        FloatVector r2 = FloatVector.fromArray(sp, a, s + 2 * lda);
        FloatVector r3 = FloatVector.fromArray(sp, a, s + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(sp, a, s + 4 * lda);
        FloatVector r5 = FloatVector.fromArray(sp, a, s + 5 * lda);
        FloatVector t0 = r0.blend(r4.rearrange(UP4), ODD4);
        FloatVector t4 = r0.rearrange(DOWN4).blend(r4, ODD4);
        FloatVector t1 = r1.blend(r5.rearrange(UP4), ODD4);
        FloatVector t5 = r1.rearrange(DOWN4).blend(r5, ODD4);
        FloatVector t2 = r2;
        FloatVector t6 = r2.rearrange(DOWN4);
        FloatVector t3 = r3;
        FloatVector t7 = r3.rearrange(DOWN4);
        FloatVector u0 = t0.blend(t2.rearrange(UP2), ODD2);
        FloatVector u2 = t0.rearrange(DOWN2).blend(t2, ODD2);
        FloatVector u1 = t1.blend(t3.rearrange(UP2), ODD2);
        FloatVector u3 = t1.rearrange(DOWN2).blend(t3, ODD2);
        FloatVector u4 = t4.blend(t6.rearrange(UP2), ODD2);
        FloatVector u6 = t4.rearrange(DOWN2).blend(t6, ODD2);
        FloatVector u5 = t5.blend(t7.rearrange(UP2), ODD2);
        FloatVector u7 = t5.rearrange(DOWN2).blend(t7, ODD2);
        storeSix(u0.blend(u1.rearrange(UP1), ODD1), dst, d);
        storeSix(u0.rearrange(DOWN1).blend(u1, ODD1), dst, d + MR);
        storeSix(u2.blend(u3.rearrange(UP1), ODD1), dst, d + 2 * MR);
        storeSix(u2.rearrange(DOWN1).blend(u3, ODD1), dst, d + 3 * MR);
        storeSix(u4.blend(u5.rearrange(UP1), ODD1), dst, d + 4 * MR);
        storeSix(u4.rearrange(DOWN1).blend(u5, ODD1), dst, d + 5 * MR);
        storeSix(u6.blend(u7.rearrange(UP1), ODD1), dst, d + 6 * MR);
        storeSix(u6.rearrange(DOWN1).blend(u7, ODD1), dst, d + 7 * MR);
    }

    /** One column of {@link #transposeSix}: all 8 lanes when MR = 6 (the spill is overwritten), else 6. */
    private static void storeSix(FloatVector v, float[] dst, int d) {
        if (MR == 6) {
            v.intoArray(dst, d);
        } else {
            v.intoArray(dst, d, SIX);
        }
    }
}
