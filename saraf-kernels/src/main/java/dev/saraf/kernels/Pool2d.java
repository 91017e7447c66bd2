package dev.saraf.kernels;

/**
 * Max and average pooling over {@code planes} consecutive {@code [H, W]} planes (an NCHW tensor is
 * {@code N * C} planes), forward and backward, with the window geometry of a {@link Window2d}.
 * Output planes are {@code [P, Q]}, stored contiguously from the output offset.
 *
 * <p>Max pooling ignores padded positions (they act as {@code -inf}); ties go to the first maximum
 * in row-major window order, and a NaN wins over numbers (it propagates, as in PyTorch). Average
 * pooling divides by the full window size {@code R * S}, padded zeros included (PyTorch's default
 * {@code count_include_pad=True}).
 *
 * <p>These are plain loops: each window's valid rows and columns are computed once, so the inner
 * loops carry no bounds tests. They serve as their own scalar reference, except the 2x2 stride-2
 * max pooling, which has a specialised loop ({@link #max2x2}) checked against
 * {@link #maxReference}.
 */
public final class Pool2d {
    private Pool2d() {}

    /**
     * Max pooling. Writes {@code out[plane, p, q]} and, when {@code argmax} is not null, the index
     * {@code ih * W + iw} of the chosen input within its plane.
     */
    public static void maxForward(Window2d w, int planes, float[] x, int xOff, float[] out, int outOff,
                                  int[] argmax, int argOff) {
        check("maxPool2d", w, planes, x.length - xOff, out.length - outOff);
        if (argmax != null && (argOff < 0 || argOff + (long) planes * w.outPlaneSize() > argmax.length)) {
            throw new IllegalArgumentException("maxPool2d: argmax array of " + argmax.length + " too small for " + planes
                    + " planes of " + w.outPlaneSize() + " from offset " + argOff);
        }
        if (!KernelMode.scalar() && isPlain2x2(w)) {
            max2x2(w, planes, x, xOff, out, outOff, argmax, argOff);
        } else {
            maxReference(w, planes, x, xOff, out, outOff, argmax, argOff);
        }
    }

    /** The common 2x2 window with stride 2, no padding, no dilation (the W-CNN pooling). */
    static boolean isPlain2x2(Window2d w) {
        return w.kernelH() == 2 && w.kernelW() == 2 && w.strideH() == 2 && w.strideW() == 2 && w.padH() == 0
                && w.padW() == 0 && w.dilationH() == 1 && w.dilationW() == 1;
    }

    /**
     * {@link #maxReference} for {@link #isPlain2x2} windows, vectorised by {@link Pool2dVector}
     * with this loop for the tail of each row: the four taps are compared as a tournament, left against right in each row, then top against bottom, each comparison won by
     * the later tap only if it is greater (or a NaN against a number). That picks the same tap as
     * the row-major scan (the earlier half wins ties), with no per-tap bookkeeping.
     */
    static void max2x2(Window2d w, int planes, float[] x, int xOff, float[] out, int outOff, int[] argmax, int argOff) {
        int wd = w.width();
        int pOut = w.outHeight();
        int qOut = w.outWidth();
        int hw = w.planeSize();
        for (int pl = 0; pl < planes; pl++) {
            int xBase = xOff + pl * hw;
            int o = outOff + pl * pOut * qOut;
            int a = argOff + pl * pOut * qOut;
            for (int p = 0; p < pOut; p++) {
                int top = 2 * p * wd;
                int q = 0;
                // whole vector blocks while the loads (one element past the block) stay in the array
                int lastRead = xBase + top + wd + Pool2dVector.reach();
                for (; q + Pool2dVector.HALF <= qOut && lastRead + 2 * q <= x.length; q += Pool2dVector.HALF) {
                    Pool2dVector.block(x, xBase, wd, p, q, out, o, argmax, a);
                    o += Pool2dVector.HALF;
                    a += Pool2dVector.HALF;
                }
                for (; q < qOut; q++, o++, a++) {
                    int i0 = top + 2 * q;
                    int i2 = i0 + wd;
                    float v0 = x[xBase + i0];
                    float v1 = x[xBase + i0 + 1];
                    float v2 = x[xBase + i2];
                    float v3 = x[xBase + i2 + 1];
                    boolean right = v1 > v0 || (v1 != v1 && v0 == v0);
                    float t = right ? v1 : v0;
                    int ti = right ? i0 + 1 : i0;
                    boolean right2 = v3 > v2 || (v3 != v3 && v2 == v2);
                    float b = right2 ? v3 : v2;
                    int bi = right2 ? i2 + 1 : i2;
                    boolean bottom = b > t || (b != b && t == t);
                    out[o] = bottom ? b : t;
                    if (argmax != null) {
                        argmax[a] = bottom ? bi : ti;
                    }
                }
            }
        }
    }

    /** Max pooling for any window: the plain loops, also the scalar reference of {@link #max2x2}. */
    static void maxReference(Window2d w, int planes, float[] x, int xOff, float[] out, int outOff, int[] argmax, int argOff) {
        int wd = w.width();
        int pOut = w.outHeight();
        int qOut = w.outWidth();
        int[] sRange = validTaps(w);
        for (int pl = 0; pl < planes; pl++) {
            int xBase = xOff + pl * w.planeSize();
            int o = outOff + pl * pOut * qOut;
            int a = argOff + pl * pOut * qOut;
            for (int p = 0; p < pOut; p++) {
                int ih0 = p * w.strideH() - w.padH();
                int rLo = firstTap(-ih0, w.dilationH(), w.kernelH());
                int rHi = endTap(w.height() - 1 - ih0, w.dilationH(), w.kernelH());
                for (int q = 0; q < qOut; q++, o++, a++) {
                    int iw0 = q * w.strideW() - w.padW();
                    int sLo = sRange[2 * q];
                    int sHi = sRange[2 * q + 1];
                    float best = Float.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int r = rLo; r < rHi; r++) {
                        int rowIdx = (ih0 + r * w.dilationH()) * wd + iw0;
                        for (int s = sLo; s < sHi; s++) {
                            int idx = rowIdx + s * w.dilationW();
                            float v = x[xBase + idx];
                            if (v > best || bi < 0 || (v != v && best == best)) {
                                best = v;
                                bi = idx;
                            }
                        }
                    }
                    out[o] = best;
                    if (argmax != null) {
                        argmax[a] = bi;
                    }
                }
            }
        }
    }

    /** Gradient of max pooling: adds {@code gradOut[plane, p, q]} to the input its argmax names. */
    public static void maxBackward(Window2d w, int planes, float[] gradOut, int gOff, int[] argmax, int argOff,
                                   float[] gradIn, int giOff) {
        check("maxPool2d backward", w, planes, gradIn.length - giOff, gradOut.length - gOff);
        scatter(w, planes, gradOut, gOff, argmax, argOff, null, 0, gradIn, giOff);
    }

    /**
     * Gradient of max pooling over rectified values, {@code maxPool2d(relu(y))} with respect to
     * {@code y}: as {@link #maxBackward}, but only the windows whose pooled maximum
     * {@code out[plane, p, q]} is greater than zero pass their gradient on. The maximum is the
     * rectified value at the argmax, and relu's gradient there is 1 exactly when it is positive
     * (0 for a zero, a negative or a NaN input), so this equals relu's backward applied to
     * {@link #maxBackward}'s result, bit for bit.
     */
    public static void maxReluBackward(Window2d w, int planes, float[] gradOut, int gOff, int[] argmax, int argOff,
                                       float[] out, int outOff, float[] gradIn, int giOff) {
        check("maxPool2d backward", w, planes, gradIn.length - giOff, gradOut.length - gOff);
        if (outOff < 0 || outOff + (long) planes * w.outPlaneSize() > out.length) {
            throw new IllegalArgumentException("maxPool2d backward: pooled output of " + out.length + " too small for "
                    + planes + " planes of " + w.outPlaneSize() + " from offset " + outOff);
        }
        scatter(w, planes, gradOut, gOff, argmax, argOff, out, outOff, gradIn, giOff);
    }

    /** Adds each output's gradient to its argmax, in output order; with {@code gate}, only where it is {@code > 0}. */
    private static void scatter(Window2d w, int planes, float[] gradOut, int gOff, int[] argmax, int argOff,
                                float[] gate, int gateOff, float[] gradIn, int giOff) {
        int pq = w.outPlaneSize();
        for (int pl = 0; pl < planes; pl++) {
            int base = giOff + pl * w.planeSize();
            int g = gOff + pl * pq;
            int a = argOff + pl * pq;
            int o = gateOff + pl * pq;
            for (int i = 0; i < pq; i++) {
                int idx = argmax[a + i];
                // -1 marks a window wholly in the padding: no input to credit
                if (idx >= 0 && (gate == null || gate[o + i] > 0f)) {
                    gradIn[base + idx] += gradOut[g + i];
                }
            }
        }
    }

    /** Average pooling: the window sum over the input (padding as zeros) divided by {@code R * S}. */
    public static void avgForward(Window2d w, int planes, float[] x, int xOff, float[] out, int outOff) {
        check("avgPool2d", w, planes, x.length - xOff, out.length - outOff);
        int wd = w.width();
        int pOut = w.outHeight();
        int qOut = w.outWidth();
        float scale = 1f / w.kernelSize();
        int[] sRange = validTaps(w);
        for (int pl = 0; pl < planes; pl++) {
            int xBase = xOff + pl * w.planeSize();
            int o = outOff + pl * pOut * qOut;
            for (int p = 0; p < pOut; p++) {
                int ih0 = p * w.strideH() - w.padH();
                int rLo = firstTap(-ih0, w.dilationH(), w.kernelH());
                int rHi = endTap(w.height() - 1 - ih0, w.dilationH(), w.kernelH());
                for (int q = 0; q < qOut; q++, o++) {
                    int iw0 = q * w.strideW() - w.padW();
                    int sLo = sRange[2 * q];
                    int sHi = sRange[2 * q + 1];
                    float sum = 0f;
                    for (int r = rLo; r < rHi; r++) {
                        int row = xBase + (ih0 + r * w.dilationH()) * wd + iw0;
                        for (int s = sLo; s < sHi; s++) {
                            sum += x[row + s * w.dilationW()];
                        }
                    }
                    out[o] = sum * scale;
                }
            }
        }
    }

    /** Gradient of average pooling: spreads {@code gradOut / (R * S)} over each window's inputs ({@code +=}). */
    public static void avgBackward(Window2d w, int planes, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        check("avgPool2d backward", w, planes, gradIn.length - giOff, gradOut.length - gOff);
        int wd = w.width();
        int pOut = w.outHeight();
        int qOut = w.outWidth();
        float scale = 1f / w.kernelSize();
        int[] sRange = validTaps(w);
        for (int pl = 0; pl < planes; pl++) {
            int base = giOff + pl * w.planeSize();
            int g = gOff + pl * pOut * qOut;
            for (int p = 0; p < pOut; p++) {
                int ih0 = p * w.strideH() - w.padH();
                int rLo = firstTap(-ih0, w.dilationH(), w.kernelH());
                int rHi = endTap(w.height() - 1 - ih0, w.dilationH(), w.kernelH());
                for (int q = 0; q < qOut; q++, g++) {
                    int iw0 = q * w.strideW() - w.padW();
                    int sLo = sRange[2 * q];
                    int sHi = sRange[2 * q + 1];
                    float v = gradOut[g] * scale;
                    for (int r = rLo; r < rHi; r++) {
                        int row = base + (ih0 + r * w.dilationH()) * wd + iw0;
                        for (int s = sLo; s < sHi; s++) {
                            gradIn[row + s * w.dilationW()] += v;
                        }
                    }
                }
            }
        }
    }

    /** For each output column q, the half-open range of taps s that land inside the input: {@code [lo, hi]} pairs. */
    private static int[] validTaps(Window2d w) {
        int qOut = w.outWidth();
        int[] range = new int[2 * qOut];
        for (int q = 0; q < qOut; q++) {
            int iw0 = q * w.strideW() - w.padW();
            range[2 * q] = firstTap(-iw0, w.dilationW(), w.kernelW());
            range[2 * q + 1] = endTap(w.width() - 1 - iw0, w.dilationW(), w.kernelW());
        }
        return range;
    }

    /** Smallest tap t with {@code t * dilation >= need}, clamped to {@code [0, kernel]}. */
    private static int firstTap(int need, int dilation, int kernel) {
        return need <= 0 ? 0 : Math.min(kernel, (need + dilation - 1) / dilation);
    }

    /** One past the largest tap t with {@code t * dilation <= limit}, clamped to {@code [0, kernel]}. */
    private static int endTap(int limit, int dilation, int kernel) {
        return limit < 0 ? 0 : Math.min(kernel, limit / dilation + 1);
    }

    private static void check(String op, Window2d w, int planes, int inAvail, int outAvail) {
        long in = (long) planes * w.planeSize();
        long out = (long) planes * w.outPlaneSize();
        if (planes < 0 || in > inAvail || out > outAvail) {
            throw new IllegalArgumentException(op + ": " + planes + " planes of " + w + " need " + in + " input and " + out
                    + " output elements past the offsets; the arrays hold " + inAvail + " and " + outAvail);
        }
    }
}
