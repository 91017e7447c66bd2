package dev.saraf.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unfolds one NCHW image into the column matrix of a convolution, and folds it back.
 *
 * <p>For {@code channels} planes of {@code [H, W]} (stored contiguously from {@code xOff}) and a
 * {@link Window2d}, the column matrix is {@code [channels * R * S, P * Q]}, row-major: row
 * {@code (c * R + r) * S + s}, column {@code p * Q + q} holds input
 * {@code x[c, p strideH - padH + r dilationH, q strideW - padW + s dilationW]}, or 0 where that
 * falls in the padding. A convolution is then {@code W [K, C R S] x col}. For grouped
 * convolutions, pass the group's channel count and the offset of its first plane.
 *
 * <p>Both directions work row by row with the valid column range of each tap computed once, so the
 * inner loops carry no bounds tests: a stride-1 row is one {@code arraycopy} (im2col) or one
 * vectorised add (col2im).
 */
public final class Im2col {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private Im2col() {}

    /** Writes the column matrix {@code [channels R S, P Q]} of {@code x [channels, H, W]} at {@code colOff}. */
    public static void im2col(Window2d w, int channels, float[] x, int xOff, float[] col, int colOff) {
        im2col(w, channels, x, xOff, 0, w.outHeight(), col, colOff);
    }

    /**
     * The columns of output rows {@code [p0, p1)} only: the matrix {@code [channels R S, (p1 - p0) Q]}
     * at {@code colOff}, i.e. columns {@code p0 Q .. p1 Q} of the whole column matrix. Lets a
     * convolution work on a band of the output whose columns stay in cache.
     */
    public static void im2col(Window2d w, int channels, float[] x, int xOff, int p0, int p1, float[] col, int colOff) {
        int h = w.height();
        int wd = w.width();
        int qOut = w.outWidth();
        int pq = (p1 - p0) * qOut;
        int sh = w.strideH();
        int sw = w.strideW();
        checkBounds("im2col", w, channels, x, xOff, p0, p1, col, colOff);
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * wd;
            for (int r = 0; r < w.kernelH(); r++) {
                int ihBase = r * w.dilationH() - w.padH();
                for (int s = 0; s < w.kernelW(); s++, row++) {
                    int qLo = w.firstValidQ(s);
                    int qHi = Math.max(qLo, w.endValidQ(s));
                    int iw0 = qLo * sw - w.padW() + s * w.dilationW();
                    int dst = colOff + row * pq;
                    for (int p = p0; p < p1; p++, dst += qOut) {
                        int ih = p * sh + ihBase;
                        if (ih < 0 || ih >= h) {
                            Arrays.fill(col, dst, dst + qOut, 0f);
                            continue;
                        }
                        if (qLo > 0) {
                            Arrays.fill(col, dst, dst + qLo, 0f);
                        }
                        int src = plane + ih * wd + iw0;
                        int n = qHi - qLo;
                        if (sw == 1) {
                            System.arraycopy(x, src, col, dst + qLo, n);
                        } else {
                            int d = dst + qLo;
                            for (int i = 0; i < n; i++) {
                                col[d + i] = x[src + i * sw];
                            }
                        }
                        if (qHi < qOut) {
                            Arrays.fill(col, dst + qHi, dst + qOut, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds the column matrix {@code [channels R S, P Q]} at {@code colOff} back into
     * {@code x [channels, H, W]} at {@code xOff} ({@code +=}: overlapping windows sum, as the
     * gradient of {@link #im2col} requires). Zero {@code x} first for a plain fold.
     */
    public static void col2im(Window2d w, int channels, float[] col, int colOff, float[] x, int xOff) {
        col2im(w, channels, col, colOff, 0, w.outHeight(), x, xOff);
    }

    /**
     * Adds the columns of output rows {@code [p0, p1)}, a matrix {@code [channels R S, (p1 - p0) Q]}
     * at {@code colOff} as {@link #im2col(Window2d, int, float[], int, int, int, float[], int)}
     * writes it, back into {@code x}.
     */
    public static void col2im(Window2d w, int channels, float[] col, int colOff, int p0, int p1, float[] x, int xOff) {
        int h = w.height();
        int wd = w.width();
        int qOut = w.outWidth();
        int pq = (p1 - p0) * qOut;
        int sh = w.strideH();
        int sw = w.strideW();
        checkBounds("col2im", w, channels, x, xOff, p0, p1, col, colOff);
        boolean scalar = KernelMode.scalar();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * wd;
            for (int r = 0; r < w.kernelH(); r++) {
                int ihBase = r * w.dilationH() - w.padH();
                for (int s = 0; s < w.kernelW(); s++, row++) {
                    int qLo = w.firstValidQ(s);
                    int n = Math.max(qLo, w.endValidQ(s)) - qLo;
                    if (n == 0) {
                        continue;
                    }
                    int iw0 = qLo * sw - w.padW() + s * w.dilationW();
                    int src = colOff + row * pq + qLo;
                    for (int p = p0; p < p1; p++, src += qOut) {
                        int ih = p * sh + ihBase;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int dst = plane + ih * wd + iw0;
                        if (sw == 1) {
                            if (scalar) {
                                addScalar(col, src, x, dst, n);
                            } else {
                                addVector(col, src, x, dst, n);
                            }
                        } else {
                            for (int i = 0; i < n; i++) {
                                x[dst + i * sw] += col[src + i];
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dst[dstOff + i] += src[srcOff + i]} for {@code i < n}: the scalar reference. */
    static void addScalar(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    /**
     * The Vector API version of {@link #addScalar} ({@code src} and {@code dst} distinct arrays).
     * The rows are short (24 floats in W-CNN's second convolution: a third of it past the last
     * whole vector of 16 lanes), so a row of at least one vector ends with a whole vector over its
     * last {@code L} elements, summed before the loop changes any of them and stored after it:
     * lanes both cover get the same {@code dst + src} twice. Measured on conv2's geometry (32
     * channels, 26 x 26, 3 x 3) with 16 lanes: 34 us an image against 67 with a scalar tail; lane
     * masks for the tail were no faster than the scalar tail.
     */
    static void addVector(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int lanes = SPECIES.length();
        if (n < lanes) {
            addScalar(src, srcOff, dst, dstOff, n);
            return;
        }
        int last = n - lanes;
        FloatVector end = FloatVector.fromArray(SPECIES, dst, dstOff + last)
                .add(FloatVector.fromArray(SPECIES, src, srcOff + last));
        for (int i = 0; i < last; i += lanes) {
            FloatVector a = FloatVector.fromArray(SPECIES, dst, dstOff + i);
            a.add(FloatVector.fromArray(SPECIES, src, srcOff + i)).intoArray(dst, dstOff + i);
        }
        end.intoArray(dst, dstOff + last);
    }

    private static void checkBounds(String op, Window2d w, int channels, float[] x, int xOff, int p0, int p1,
                                    float[] col, int colOff) {
        if (p0 < 0 || p1 < p0 || p1 > w.outHeight()) {
            throw new IllegalArgumentException(op + ": output rows [" + p0 + ", " + p1 + ") outside the " + w.outHeight()
                    + " rows of " + w);
        }
        long xNeed = (long) xOff + (long) channels * w.planeSize();
        long colNeed = (long) colOff + (long) channels * w.kernelSize() * (p1 - p0) * w.outWidth();
        if (channels < 0 || xOff < 0 || colOff < 0 || xNeed > x.length || colNeed > col.length) {
            throw new IllegalArgumentException(op + ": " + channels + " channels of " + w + " need image elements up to " + xNeed
                    + " (array has " + x.length + ") and column elements up to " + colNeed + " (array has " + col.length + ")");
        }
    }
}
