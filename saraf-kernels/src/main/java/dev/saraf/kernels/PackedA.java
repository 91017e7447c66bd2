package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.MR;

/**
 * The left operand {@code op(A)} of {@link Gemm#sgemm(PackedA, boolean, int, float, float[], int,
 * int, float, float[], int, int)}, packed once for many products with different right operands:
 * a convolution multiplies the same weights by the columns of every band of every image, and
 * packing them each time took a quarter of those products' time (W-CNN's second convolution:
 * {@code [64, 288] x [288, 144]} per band, measured 23% packing A).
 *
 * <p>The panels are exactly what the blocked GEMM would pack for the product, so the result is
 * bit-identical to {@link Gemm#sgemm} with the same A. That holds when op(A) fits one k-slice and
 * one row pass of the blocked GEMM (k up to {@code GemmBlocked.DEFAULT.deepKc()}, m up to its
 * {@code mb}); otherwise, and for products that go to the unpacked or the scalar kernels, the
 * product packs A as usual. A {@code PackedA} is immutable and may be shared between threads; it
 * reads {@code a} once, when made: changes to {@code a} afterwards are not seen by the panels.
 */
public final class PackedA {
    final boolean transA;
    final int m;
    final int k;
    final float[] a;
    final int aOff;
    final int lda;
    /** The packed panels, or null where the product packs A itself. */
    final float[] panels;

    private PackedA(boolean transA, int m, int k, float[] a, int aOff, int lda, float[] panels) {
        this.transA = transA;
        this.m = m;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.panels = panels;
    }

    /**
     * Packs {@code op(A)} ({@code [m, k]}: A stored {@code [m, k]} with row stride {@code lda}, or
     * stored {@code [k, m]} when {@code transA}) for {@link Gemm#sgemm(PackedA, boolean, int,
     * float, float[], int, int, float, float[], int, int)}.
     */
    public static PackedA of(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        Gemm.checkArgs(transA, false, m, 0, k, a, aOff, lda, new float[0], 0, 0, new float[0], 0, 0);
        GemmBlocked.Blocking bl = GemmBlocked.DEFAULT;
        float[] panels = null;
        if (m > 0 && k > 0 && k <= bl.deepKc() && m <= bl.mb() && !KernelMode.scalar()) {
            panels = new float[(m + MR - 1) / MR * MR * k];
            GemmPack.packA(panels, 0, transA, a, aOff, lda, 0, m, 0, k);
        }
        return new PackedA(transA, m, k, a, aOff, lda, panels);
    }

    /** Rows of op(A): the m of the products. */
    public int rows() {
        return m;
    }

    /** Columns of op(A): the k of the products. */
    public int depth() {
        return k;
    }
}
