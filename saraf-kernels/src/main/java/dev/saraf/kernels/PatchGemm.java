package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.L;
import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * One image's convolution as {@code C = patches(x) W^T}, channels-last: row {@code p Q + q} of the
 * patch matrix {@code [P Q, C R S]} is the window under output pixel {@code (p, q)} (what column
 * {@code p Q + q} of {@link Im2col}'s column matrix holds), so C is {@code [P Q, K]}, one row of
 * K channels per output pixel.
 *
 * <p>The patch matrix is never written out. Each micro-panel of {@code MR} pixels is gathered
 * straight from the image into the packed layout the GEMM micro-kernel reads: for each tap
 * {@code (c, r, s)} the panel's pixels read a contiguous run of one input row whenever they share
 * an output row, the stride is 1 and the run stays clear of the padding, one vector load and store
 * each (where vectors are at least MR lanes wide: 12 pixels in 16 lanes, 6 in 8), else value by value. W^T is packed once per call ({@link #packWeights}) as the right operand, the output
 * channels being the micro-tile's columns. The W-CNN's second convolution ({@code 64} channels
 * from {@code 32 x 3 x 3} taps, {@code 24 x 24} pixels) is then two whole column panels by 48 whole
 * row panels, where {@code W x im2col(x)} had 64 channels in panels of 12 rows (the sixth padded
 * to 4) and bands of 168 columns (the last panel of each 8 wide), and wrote and re-packed a
 * 660 KB column matrix. Measured on one thread (Xeon, AVX-512): 172 us an image against 27 us
 * of im2col and 198 us of GEMM; of the 172, gathering the panels takes 29.
 *
 * <p>Every element is the micro-kernel's sum over the same taps in the same order as the blocked
 * GEMM's {@code W x im2col(x)} with W packed once ({@link PackedA}), so the results are
 * bit-identical to that product wherever {@link #applies} (one k-slice, the packed kernel rather
 * than the unpacked one).
 */
public final class PatchGemm {
    /** Each thread's micro-panel of patches (MR rows by up to one k-slice, and a vector of slack) and edge tile, reused. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {
        new float[0], new float[MR * NR]});

    private PatchGemm() {}

    /**
     * Whether {@link #forward} gives, bit for bit, what {@code Gemm.sgemm(PackedA.of(W), ...)}
     * gives for the column matrix of one or more whole output rows: the vector kernels are on,
     * the taps fit one k-slice of the packed GEMM, and even a one-row product is large enough
     * and has enough channels to take the packed kernel rather than the unpacked one.
     */
    public static boolean applies(int outChannels, int depth, int outWidth) {
        return !KernelMode.scalar() && depth >= 1 && depth <= GemmBlocked.DEFAULT.deepKc()
                && outChannels > Gemm.DIRECT_ROWS && outChannels <= GemmBlocked.DEFAULT.mb()
                && (long) outChannels * depth * outWidth >= Gemm.DIRECT_WORK;
    }

    /**
     * Packs {@code W [K, depth]} (row stride {@code depth}, from {@code wOff}) as the right operand
     * {@code W^T} of {@link #forward}: {@code ceil(K / NR)} column panels.
     */
    public static float[] packWeights(float[] w, int wOff, int outChannels, int depth) {
        if (wOff < 0 || (long) wOff + (long) outChannels * depth > w.length) {
            throw new IllegalArgumentException("patchGemm: weights [" + outChannels + ", " + depth + "] from offset "
                    + wOff + " do not fit an array of " + w.length);
        }
        float[] panels = new float[(outChannels + NR - 1) / NR * NR * depth];
        GemmPack.packB(panels, 0, true, w, wOff, depth, 0, depth, 0, outChannels, null);
        return panels;
    }

    /**
     * Rows {@code [pix0, pix1)} of {@code C = patches(x) W^T}: {@code c[cOff + (pix - pix0) ldc + j]}
     * for output pixel {@code pix} and channel {@code j < K}, overwritten. {@code x} holds
     * {@code channels} planes of {@code win}'s input from {@code xOff}; {@code weights} comes from
     * {@link #packWeights} for {@code outChannels} channels and {@code channels R S} taps.
     */
    public static void forward(Window2d win, int channels, float[] x, int xOff, float[] weights, int outChannels,
                               int pix0, int pix1, float[] c, int cOff, int ldc) {
        int depth = channels * win.kernelSize();
        int pixels = win.outPlaneSize();
        if (pix0 < 0 || pix1 < pix0 || pix1 > pixels || ldc < outChannels || cOff < 0
                || (pix1 > pix0 && (long) cOff + (long) (pix1 - pix0 - 1) * ldc + outChannels > c.length)
                || xOff < 0 || (long) xOff + (long) channels * win.planeSize() > x.length
                || weights.length < (outChannels + NR - 1) / NR * NR * depth) {
            throw new IllegalArgumentException("patchGemm: pixels [" + pix0 + ", " + pix1 + ") of " + pixels + ", "
                    + channels + " channels of " + win + " from " + xOff + " (image array " + x.length + "), "
                    + outChannels + " channels into " + c.length + " from " + cOff + " with row stride " + ldc
                    + ", packed weights " + weights.length);
        }
        float[][] own = SCRATCH.get();
        if (own[0].length < MR * depth + L) {
            own[0] = new float[MR * depth + L];
        }
        float[] panel = own[0];
        float[] tile = own[1];
        for (int i = pix0; i < pix1; i += MR) {
            int rows = Math.min(MR, pix1 - i);
            gather(win, channels, x, xOff, i, rows, panel);
            int ci = cOff + (i - pix0) * ldc;
            for (int jr = 0; jr < outChannels; jr += NR) {
                int cols = Math.min(NR, outChannels - jr);
                if (rows == MR && cols == NR) {
                    GemmKernel.tile(depth, panel, 0, weights, jr * depth, 1f, 0f, c, ci + jr, ldc);
                } else {
                    GemmKernel.tile(depth, panel, 0, weights, jr * depth, 1f, 0f, tile, 0, NR);
                    GemmKernel.merge(tile, rows, cols, 1f, 0f, c, ci + jr, ldc);
                }
            }
        }
    }

    /**
     * The packed micro-panel of patch rows {@code [pix, pix + rows)} (rows up to MR, the rest
     * zero): value {@code (tap, r)} at {@code tap * MR + r}, taps in {@link Im2col}'s row order.
     */
    static void gather(Window2d win, int channels, float[] x, int xOff, int pix, int rows, float[] panel) {
        int q = win.outWidth();
        int oh = pix / q;
        int ow = pix % q;
        int wd = win.width();
        int h = win.height();
        int kh = win.kernelH();
        int kw = win.kernelW();
        int dw = win.dilationW();
        int first = ow * win.strideW() - win.padW();
        int last = first + MR - 1 + (kw - 1) * dw;
        if (rows == MR && ow + MR <= q && win.strideW() == 1 && first >= 0 && last < wd && MR <= L
                && !KernelMode.scalar()) {
            // the pixels share an output row, the stride is 1 and every tap's run lies inside the
            // input's columns: one whole vector load and store per tap, whose lanes past MR the
            // next tap's store overwrites (the last one's land in the panel's slack). Masked loads
            // and stores of MR lanes took 39 us an image (W-CNN's conv2) against 29.
            int d = 0;
            for (int ch = 0; ch < channels; ch++) {
                int plane = xOff + ch * h * wd;
                for (int r = 0; r < kh; r++) {
                    int ih = oh * win.strideH() - win.padH() + r * win.dilationH();
                    if (ih < 0 || ih >= h) {
                        Arrays.fill(panel, d, d + kw * MR, 0f);
                        d += kw * MR;
                        continue;
                    }
                    int src = plane + ih * wd + first;
                    if (src + (kw - 1) * dw + L <= x.length) {
                        for (int s = 0; s < kw; s++, src += dw, d += MR) {
                            FloatVector.fromArray(GemmKernel.S, x, src).intoArray(panel, d);
                        }
                    } else {
                        for (int s = 0; s < kw; s++, src += dw, d += MR) {
                            System.arraycopy(x, src, panel, d, MR);
                        }
                    }
                }
            }
            return;
        }
        int tap = 0;
        for (int ch = 0; ch < channels; ch++) {
            int plane = xOff + ch * h * wd;
            for (int r = 0; r < kh; r++) {
                for (int s = 0; s < kw; s++, tap++) {
                    int d = tap * MR;
                    for (int rr = 0; rr < MR; rr++) {
                        float v = 0f;
                        if (rr < rows) {
                            int p = (pix + rr) / q;
                            int pw = (pix + rr) % q;
                            int ih = p * win.strideH() - win.padH() + r * win.dilationH();
                            int iw = pw * win.strideW() - win.padW() + s * dw;
                            if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                v = x[plane + ih * wd + iw];
                            }
                        }
                        panel[d + rr] = v;
                    }
                }
            }
        }
    }
}
