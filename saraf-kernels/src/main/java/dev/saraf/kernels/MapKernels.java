package dev.saraf.kernels;

/**
 * Unary and fused elementwise kernels on runs of {@code n} floats: {@code exp}, sigmoid, relu and
 * its backward mask, neg, abs, sqrt, the scalar multiply-add {@code alpha * x + beta} and
 * {@code y += alpha * x}. Input and output may be the same array at the same offset.
 *
 * <p>Runs longer than {@link BinaryKernels#GRAIN} are split over {@link Parallel#forRange}; each
 * call uses the Vector API kernel unless {@code -Dsaraf.kernels=scalar} selects the plain loops.
 */
public final class MapKernels {
    private MapKernels() {}

    private static final int GRAIN = BinaryKernels.GRAIN;

    /** {@code out[i] = e^(x[i] - shift)} (shift 0 for plain exp; softmax passes the row maximum). */
    public static void exp(float[] x, int xOff, float shift, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.exp(x, xOff + f, shift, out, outOff + f, t - f);
            } else {
                MapVector.exp(x, xOff + f, shift, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = 1 / (1 + e^-x[i])}; 0 and 1 (never NaN) for large magnitudes. */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.sigmoid(x, xOff + f, out, outOff + f, t - f);
            } else {
                MapVector.sigmoid(x, xOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = max(x[i], 0)}; NaN stays NaN. */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.relu(x, xOff + f, out, outOff + f, t - f);
            } else {
                MapVector.relu(x, xOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = x[i] > 0 ? g[i] : 0}: the gradient of relu. */
    public static void reluBackward(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.reluBackward(x, xOff + f, g, gOff + f, out, outOff + f, t - f);
            } else {
                MapVector.reluBackward(x, xOff + f, g, gOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = -x[i]}. */
    public static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.neg(x, xOff + f, out, outOff + f, t - f);
            } else {
                MapVector.neg(x, xOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = |x[i]|}. */
    public static void abs(float[] x, int xOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.abs(x, xOff + f, out, outOff + f, t - f);
            } else {
                MapVector.abs(x, xOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = sqrt(x[i])} (NaN below 0). */
    public static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.sqrt(x, xOff + f, out, outOff + f, t - f);
            } else {
                MapVector.sqrt(x, xOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** {@code out[i] = alpha * x[i] + beta}, fused (one rounding). */
    public static void mulAdd(float[] x, int xOff, float alpha, float beta, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.mulAdd(x, xOff + f, alpha, beta, out, outOff + f, t - f);
            } else {
                MapVector.mulAdd(x, xOff + f, alpha, beta, out, outOff + f, t - f);
            }
        });
    }

    /** {@code y[i] += alpha * x[i]}, fused (one rounding). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Parallel.forRange(n, GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                MapReference.axpy(alpha, x, xOff + f, y, yOff + f, t - f);
            } else {
                MapVector.axpy(alpha, x, xOff + f, y, yOff + f, t - f);
            }
        });
    }

    /**
     * {@code y[r][j] = y[r][j] + b[j]} for the {@code m} rows of {@code y [m, n]} (row stride n),
     * then {@code max(., 0)} (NaN kept) when {@code relu}: the bias and activation after a GEMM in
     * one pass, rows split over threads. Each element is one float addition, so the result is the
     * same as adding the bias any other way, and then rectifying.
     */
    public static void addRows(float[] y, int yOff, int m, int n, float[] b, int bOff, boolean relu) {
        Parallel.forRange(m, Math.max(1, GRAIN / Math.max(1, n)), (f, t) -> {
            for (int r = f; r < t; r++) {
                if (KernelMode.scalar()) {
                    MapReference.addRow(y, yOff + r * n, b, bOff, n, relu);
                } else {
                    MapVector.addRow(y, yOff + r * n, b, bOff, n, relu);
                }
            }
        });
    }

    /**
     * {@code out[i] = (x[i] & 0xFF) / divisor}: unsigned bytes (pixels 0-255) to floats, divided
     * exactly as the scalar expression (division, not multiplication by the reciprocal, so 255
     * gives exactly 1 and every value matches {@code v / 255f}). Runs on the calling thread: a
     * batch of images is a few hundred kilobytes, which one core converts faster than a fan-out.
     */
    public static void bytesToFloat(byte[] x, int xOff, float divisor, float[] out, int outOff, int n) {
        if (KernelMode.scalar()) {
            MapReference.bytesToFloat(x, xOff, divisor, out, outOff, n);
        } else {
            MapVector.bytesToFloat(x, xOff, divisor, out, outOff, n);
        }
    }
}
