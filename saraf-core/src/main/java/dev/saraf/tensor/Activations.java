package dev.saraf.tensor;

import dev.saraf.kernels.BinaryKernels;
import dev.saraf.kernels.BinaryOp;
import dev.saraf.kernels.MapKernels;
import dev.saraf.kernels.Parallel;
import dev.saraf.kernels.ReduceKernels;
import dev.saraf.kernels.ReduceOp;

/**
 * Activation functions, elementwise ({@code [*] -> [*]}) except softmax and log-softmax, which
 * normalise along one axis. Each op's backward is written beside its forward.
 */
public final class Activations {
    private static final int GRAIN = BinaryKernels.GRAIN;
    private static final double SQRT1_2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Activations() {}

    /** {@code max(0, x)} (NaN stays NaN). Backward: {@code g} where {@code x > 0}. */
    public static Tensor relu(Tensor x) {
        float[] out = new float[x.numel()];
        MapKernels.relu(x.data(), 0, out, 0, out.length);
        return Tensor.fromOp(out, x.shape(), "relu", g -> {
            float[] gx = new float[out.length];
            MapKernels.reluBackward(x.data(), 0, g.data(), 0, gx, 0, gx.length);
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /** {@code x > 0 ? x : slope * x}. Backward: {@code g} or {@code slope * g}. */
    public static Tensor leakyRelu(Tensor x, float slope) {
        float[] xd = x.data();
        float[] out = new float[xd.length];
        Parallel.forRange(xd.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                out[i] = xd[i] > 0f ? xd[i] : slope * xd[i];
            }
        });
        return Tensor.fromOp(out, x.shape(), "leakyRelu", g -> {
            float[] gd = g.data();
            float[] gx = new float[xd.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = xd[i] > 0f ? gd[i] : slope * gd[i];
            }
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /** {@code x > 0 ? x : alpha * (e^x - 1)}. Backward: {@code g} or {@code g * (out + alpha)}. */
    public static Tensor elu(Tensor x, float alpha) {
        float[] xd = x.data();
        float[] out = new float[xd.length];
        Parallel.forRange(xd.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                // expm1 keeps precision for small negative x, where e^x - 1 would cancel
                out[i] = xd[i] > 0f ? xd[i] : (float) (alpha * Math.expm1(xd[i]));
            }
        });
        return Tensor.fromOp(out, x.shape(), "elu", g -> {
            float[] gd = g.data();
            float[] gx = new float[xd.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = xd[i] > 0f ? gd[i] : gd[i] * (out[i] + alpha);
            }
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /**
     * Gaussian error linear unit, exact form {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}.
     * Backward: {@code g * (Phi(x) + x * phi(x))}.
     */
    public static Tensor gelu(Tensor x) {
        float[] xd = x.data();
        float[] out = new float[xd.length];
        Parallel.forRange(xd.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                double v = xd[i];
                out[i] = (float) (0.5 * v * (1 + erf(v * SQRT1_2)));
            }
        });
        return Tensor.fromOp(out, x.shape(), "gelu", g -> {
            float[] gd = g.data();
            float[] gx = new float[xd.length];
            Parallel.forRange(xd.length, GRAIN, (f, t) -> {
                for (int i = f; i < t; i++) {
                    double v = xd[i];
                    double cdf = 0.5 * (1 + erf(v * SQRT1_2));
                    double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
                    gx[i] = (float) (gd[i] * (cdf + v * pdf));
                }
            });
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /**
     * The error function in double, absolute error about 1e-15 below |x| = 2.5 and 1e-10 above.
     * Below 2.5 the series {@code erf z = 2/sqrt(pi) e^(-z^2) sum 2^n z^(2n+1) / (1*3*...*(2n+1))}
     * (positive terms, so no cancellation; at most ~45 terms); above, where erf is within 4e-4 of
     * 1, the Chebyshev fit of {@code erfc} from Numerical Recipes (relative error 1.2e-7 of a
     * value that small). Abramowitz-Stegun 7.1.26 (1.5e-7 absolute) is too coarse for the
     * gradient checks of gelu.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double z = Math.abs(x);
        double r;
        if (z < 2.5) {
            double z2 = z * z;
            double term = z;
            double sum = z;
            for (int n = 0; term > 1e-17 * sum; n++) {
                term *= 2 * z2 / (2 * n + 3);
                sum += term;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-z2) * sum;
        } else {
            double t = 1 / (1 + 0.5 * z);
            double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
            r = 1 - t * Math.exp(poly);
        }
        return x < 0 ? -r : r;
    }

    /** {@code 1 / (1 + e^-x)}; exactly 0 or 1, never NaN, for large magnitudes. Backward: {@code g * s * (1 - s)}. */
    public static Tensor sigmoid(Tensor x) {
        float[] out = new float[x.numel()];
        MapKernels.sigmoid(x.data(), 0, out, 0, out.length);
        return Tensor.fromOp(out, x.shape(), "sigmoid", g -> {
            float[] gd = g.data();
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = gd[i] * out[i] * (1f - out[i]);
            }
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /** Hyperbolic tangent. Backward: {@code g * (1 - tanh^2)}. */
    public static Tensor tanh(Tensor x) {
        float[] xd = x.data();
        float[] out = new float[xd.length];
        Parallel.forRange(xd.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                out[i] = (float) Math.tanh(xd[i]);
            }
        });
        return Tensor.fromOp(out, x.shape(), "tanh", g -> {
            float[] gd = g.data();
            float[] gx = new float[xd.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = gd[i] * (1f - out[i] * out[i]);
            }
            return new Tensor[] {Tensor.wrap(gx, x.shape())};
        }, x);
    }

    /**
     * Softmax along {@code axis}: {@code e^(x - max) / sum e^(x - max)}, so logits of any size give
     * no overflow (the largest term is exactly 1). Backward: {@code y * (g - sum(g * y))} along the axis.
     */
    public static Tensor softmax(Tensor x, int axis) {
        int ax = axisOf("softmax", x, axis);
        float[] out = normalise(x, ax, false);
        return Tensor.fromOp(out, x.shape(), "softmax", g -> {
            Tensor y = Tensor.wrap(out, x.shape());
            Tensor dot = Reductions.sum(g.mul(y), new int[] {ax}, true);
            return new Tensor[] {y.mul(g.sub(dot))};
        }, x);
    }

    /**
     * Log-softmax along {@code axis}: {@code (x - max) - log(sum e^(x - max))}, finite for logits
     * of any size. Backward: {@code g - softmax(x) * sum(g)} along the axis.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        int ax = axisOf("logSoftmax", x, axis);
        float[] out = normalise(x, ax, true);
        return Tensor.fromOp(out, x.shape(), "logSoftmax", g -> {
            Tensor softmax = Tensor.wrap(out, x.shape()).exp();
            Tensor total = Reductions.sum(g, new int[] {ax}, true);
            return new Tensor[] {g.sub(softmax.mul(total))};
        }, x);
    }

    private static int axisOf(String op, Tensor x, int axis) {
        try {
            return x.shape().axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    /** Softmax or log-softmax of {@code x} seen as {@code [outer, n, inner]} along the middle axis. */
    private static float[] normalise(Tensor x, int ax, boolean log) {
        Shape s = x.shape();
        int outer = s.numel(0, ax);
        int n = s.dim(ax);
        int inner = s.numel(ax + 1, s.rank());
        float[] xd = x.data();
        float[] out = new float[xd.length];
        if (out.length == 0) {
            return out;
        }
        int block = n * inner;
        Parallel.forRange(outer, Math.max(1, GRAIN / block), (f, t) -> {
            if (inner == 1) {
                for (int o = f; o < t; o++) {
                    lastAxis(xd, out, o * n, n, log);
                }
            } else {
                float[] m = new float[inner];
                float[] sum = new float[inner];
                for (int o = f; o < t; o++) {
                    middleAxis(xd, out, o * block, n, inner, m, sum, log);
                }
            }
        });
        return out;
    }

    /** One contiguous row of {@code n}: max, shifted exp, sum, then scale or subtract the log. */
    private static void lastAxis(float[] x, float[] out, int off, int n, boolean log) {
        float m = ReduceKernels.max(x, off, n);
        MapKernels.exp(x, off, m, out, off, n);
        float s = ReduceKernels.sum(out, off, n);
        if (log) {
            BinaryKernels.applyScalar(BinaryOp.SUB, x, off, m, out, off, n);
            BinaryKernels.applyScalar(BinaryOp.SUB, out, off, (float) Math.log(s), out, off, n);
        } else {
            BinaryKernels.applyScalar(BinaryOp.DIV, out, off, s, out, off, n);
        }
    }

    /** An {@code [n, inner]} block along its first axis, a whole row of {@code inner} at a time. */
    private static void middleAxis(float[] x, float[] out, int off, int n, int inner, float[] m, float[] sum, boolean log) {
        ReduceKernels.reduce(ReduceOp.MAX, x, off, 1, n, inner, m, 0);
        for (int j = 0; j < n; j++) {
            int row = off + j * inner;
            BinaryKernels.apply(BinaryOp.SUB, x, row, m, 0, out, row, inner);
            MapKernels.exp(out, row, 0f, out, row, inner);
        }
        ReduceKernels.reduce(ReduceOp.SUM, out, off, 1, n, inner, sum, 0);
        if (log) {
            for (int k = 0; k < inner; k++) {
                sum[k] = (float) Math.log(sum[k]);
            }
        }
        for (int j = 0; j < n; j++) {
            int row = off + j * inner;
            if (log) {
                BinaryKernels.apply(BinaryOp.SUB, x, row, m, 0, out, row, inner);
                BinaryKernels.apply(BinaryOp.SUB, out, row, sum, 0, out, row, inner);
            } else {
                BinaryKernels.apply(BinaryOp.DIV, out, row, sum, 0, out, row, inner);
            }
        }
    }
}
