package dev.saraf.tensor;

import dev.saraf.kernels.BinaryKernels;
import dev.saraf.kernels.BinaryOp;
import dev.saraf.kernels.MapKernels;
import dev.saraf.kernels.Parallel;
import java.util.Locale;

/**
 * Elementwise arithmetic and comparisons. Binary ops broadcast as NumPy does (see
 * {@link Broadcast}): {@code [N, C] + [C] -> [N, C]}, {@code [3, 1, 5] * [4, 5] -> [3, 4, 5]},
 * and a shape error names the op and both shapes. Each backward is written beside its forward and
 * sums the gradient back to each input's shape ({@link Broadcast#sumTo}).
 */
public final class Elementwise {
    private static final int GRAIN = BinaryKernels.GRAIN;

    private Elementwise() {}

    /** Comparison kinds for {@link #compare}. */
    public enum Comparison { EQ, NE, LT, LE, GT, GE }

    /** {@code a + b}, broadcasting. */
    public static Tensor add(Tensor a, Tensor b) {
        Shape s = Broadcast.shape("add", a.shape(), b.shape());
        return Tensor.fromOp(Broadcast.apply(BinaryOp.ADD, a, b, s), s, "add",
                g -> new Tensor[] {gradFor(a, g), gradFor(b, g)}, a, b);
    }

    /** {@code a + b} for a scalar {@code b}; same shape as {@code a}. */
    public static Tensor add(Tensor a, float b) {
        float[] out = new float[a.numel()];
        BinaryKernels.applyScalar(BinaryOp.ADD, a.data(), 0, b, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "add", g -> new Tensor[] {g}, a);
    }

    /** {@code a - b}, broadcasting. */
    public static Tensor sub(Tensor a, Tensor b) {
        Shape s = Broadcast.shape("sub", a.shape(), b.shape());
        return Tensor.fromOp(Broadcast.apply(BinaryOp.SUB, a, b, s), s, "sub",
                g -> new Tensor[] {gradFor(a, g), b.requiresGrad() ? Broadcast.sumTo(neg(g), b.shape()) : null}, a, b);
    }

    /** {@code a * b}, broadcasting. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shape s = Broadcast.shape("mul", a.shape(), b.shape());
        return Tensor.fromOp(Broadcast.apply(BinaryOp.MUL, a, b, s), s, "mul", g -> new Tensor[] {
            a.requiresGrad() ? Broadcast.sumTo(mul(g, b), a.shape()) : null,
            b.requiresGrad() ? Broadcast.sumTo(mul(g, a), b.shape()) : null}, a, b);
    }

    /** {@code a * b} for a scalar {@code b}. */
    public static Tensor mul(Tensor a, float b) {
        float[] out = new float[a.numel()];
        BinaryKernels.applyScalar(BinaryOp.MUL, a.data(), 0, b, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "mul", g -> new Tensor[] {mul(g, b)}, a);
    }

    /** {@code a / b}, broadcasting. Backward: {@code g / b} and {@code -g * a / b^2}. */
    public static Tensor div(Tensor a, Tensor b) {
        Shape s = Broadcast.shape("div", a.shape(), b.shape());
        float[] out = Broadcast.apply(BinaryOp.DIV, a, b, s);
        return Tensor.fromOp(out, s, "div", g -> new Tensor[] {
            a.requiresGrad() ? Broadcast.sumTo(div(g, b), a.shape()) : null,
            b.requiresGrad() ? Broadcast.sumTo(neg(div(mul(g, Tensor.wrap(out, s)), b)), b.shape()) : null}, a, b);
    }

    /** {@code -a}. */
    public static Tensor neg(Tensor a) {
        float[] out = new float[a.numel()];
        MapKernels.neg(a.data(), 0, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "neg", g -> new Tensor[] {neg(g)}, a);
    }

    /** {@code a ^ e}. Backward: {@code g * e * a^(e-1)}. */
    public static Tensor pow(Tensor a, float e) {
        float[] out = new float[a.numel()];
        BinaryKernels.applyScalar(BinaryOp.POW, a.data(), 0, e, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "pow", g -> {
            float[] x = a.data();
            float[] gd = g.data();
            float[] gx = new float[x.length];
            Parallel.forRange(x.length, GRAIN, (f, t) -> {
                for (int i = f; i < t; i++) {
                    gx[i] = e == 0f ? 0f : gd[i] * e * BinaryOp.POW.apply(x[i], e - 1f);
                }
            });
            return new Tensor[] {Tensor.wrap(gx, a.shape())};
        }, a);
    }

    /**
     * {@code a ^ e}, broadcasting ({@code a} must be positive where {@code e} is not an integer).
     * Backward: {@code g * e * a^(e-1)} and {@code g * a^e * ln a} (0 where {@code a == 0, e >= 0}).
     */
    public static Tensor pow(Tensor a, Tensor e) {
        Shape s = Broadcast.shape("pow", a.shape(), e.shape());
        float[] out = Broadcast.apply(BinaryOp.POW, a, e, s);
        return Tensor.fromOp(out, s, "pow", g -> {
            float[] x = Broadcast.to(a, s).data();
            float[] p = Broadcast.to(e, s).data();
            float[] gd = g.data();
            float[] ga = a.requiresGrad() ? new float[out.length] : null;
            float[] ge = e.requiresGrad() ? new float[out.length] : null;
            for (int i = 0; i < out.length; i++) {
                if (ga != null) {
                    ga[i] = p[i] == 0f ? 0f : gd[i] * p[i] * BinaryOp.POW.apply(x[i], p[i] - 1f);
                }
                if (ge != null) {
                    ge[i] = x[i] == 0f && p[i] >= 0f ? 0f : (float) (gd[i] * out[i] * Math.log(x[i]));
                }
            }
            return new Tensor[] {
                ga == null ? null : Broadcast.sumTo(Tensor.wrap(ga, s), a.shape()),
                ge == null ? null : Broadcast.sumTo(Tensor.wrap(ge, s), e.shape())};
        }, a, e);
    }

    /** {@code e^a}. Backward: {@code g * e^a}. */
    public static Tensor exp(Tensor a) {
        float[] out = new float[a.numel()];
        MapKernels.exp(a.data(), 0, 0f, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "exp", g -> new Tensor[] {mul(g, Tensor.wrap(out, a.shape()))}, a);
    }

    /** Natural logarithm ({@code -inf} at 0, NaN below). Backward: {@code g / a}. */
    public static Tensor log(Tensor a) {
        float[] x = a.data();
        float[] out = new float[x.length];
        Parallel.forRange(x.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                out[i] = (float) Math.log(x[i]);
            }
        });
        return Tensor.fromOp(out, a.shape(), "log", g -> new Tensor[] {div(g, a)}, a);
    }

    /** Square root. Backward: {@code g / (2 sqrt a)}. */
    public static Tensor sqrt(Tensor a) {
        float[] out = new float[a.numel()];
        MapKernels.sqrt(a.data(), 0, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "sqrt", g -> {
            float[] gx = new float[out.length];
            float[] gd = g.data();
            for (int i = 0; i < gx.length; i++) {
                gx[i] = 0.5f * gd[i] / out[i];
            }
            return new Tensor[] {Tensor.wrap(gx, a.shape())};
        }, a);
    }

    /** {@code |a|}. Backward: {@code g * sign(a)}, 0 at 0. */
    public static Tensor abs(Tensor a) {
        float[] out = new float[a.numel()];
        MapKernels.abs(a.data(), 0, out, 0, out.length);
        return Tensor.fromOp(out, a.shape(), "abs", g -> {
            float[] x = a.data();
            float[] gd = g.data();
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = x[i] > 0f ? gd[i] : x[i] < 0f ? -gd[i] : 0f;
            }
            return new Tensor[] {Tensor.wrap(gx, a.shape())};
        }, a);
    }

    /** Limits every element to {@code [min, max]} (NaN stays NaN). Backward: {@code g} inside the range, 0 outside. */
    public static Tensor clamp(Tensor a, float min, float max) {
        float[] x = a.data();
        float[] out = new float[x.length];
        Parallel.forRange(x.length, GRAIN, (f, t) -> {
            for (int i = f; i < t; i++) {
                out[i] = Math.min(Math.max(x[i], min), max);
            }
        });
        return Tensor.fromOp(out, a.shape(), "clamp", g -> {
            float[] gd = g.data();
            float[] gx = new float[x.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = x[i] >= min && x[i] <= max ? gd[i] : 0f;
            }
            return new Tensor[] {Tensor.wrap(gx, a.shape())};
        }, a);
    }

    /** Elementwise maximum, broadcasting; the gradient goes to the larger input, split evenly on ties. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return extremum("maximum", BinaryOp.MAX, a, b);
    }

    /** Elementwise minimum, broadcasting; the gradient goes to the smaller input, split evenly on ties. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return extremum("minimum", BinaryOp.MIN, a, b);
    }

    private static Tensor extremum(String name, BinaryOp op, Tensor a, Tensor b) {
        Shape s = Broadcast.shape(name, a.shape(), b.shape());
        boolean max = op == BinaryOp.MAX;
        return Tensor.fromOp(Broadcast.apply(op, a, b, s), s, name, g -> {
            float[] x = Broadcast.to(a, s).data();
            float[] y = Broadcast.to(b, s).data();
            float[] gd = g.data();
            float[] ga = new float[gd.length];
            float[] gb = new float[gd.length];
            for (int i = 0; i < gd.length; i++) {
                float share = x[i] == y[i] ? 0.5f : (x[i] > y[i]) == max ? 1f : 0f;
                ga[i] = gd[i] * share;
                gb[i] = gd[i] * (x[i] == y[i] ? 0.5f : 1f - share);
            }
            return new Tensor[] {Broadcast.sumTo(Tensor.wrap(ga, s), a.shape()), Broadcast.sumTo(Tensor.wrap(gb, s), b.shape())};
        }, a, b);
    }

    /** 1 where the comparison holds, else 0, broadcasting. Not differentiable: the result never requires grad. */
    public static Tensor compare(Tensor a, Tensor b, Comparison c) {
        BinaryOp op = switch (c) {
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
        };
        Shape s = Broadcast.shape(c.name().toLowerCase(Locale.ROOT), a.shape(), b.shape());
        return Tensor.wrap(Broadcast.apply(op, a, b, s), s);
    }

    /**
     * {@code condition != 0 ? a : b}, the three broadcast together. The gradient flows to {@code a}
     * where the condition holds and to {@code b} elsewhere; never to the condition.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape s = Broadcast.shape("where", condition.shape(), a.shape(), b.shape());
        float[] c = Broadcast.to(condition, s).data();
        float[] x = Broadcast.to(a, s).data();
        float[] y = Broadcast.to(b, s).data();
        float[] out = new float[s.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c[i] != 0f ? x[i] : y[i];
        }
        return Tensor.fromOp(out, s, "where", g -> {
            float[] gd = g.data();
            float[] ga = new float[gd.length];
            float[] gb = new float[gd.length];
            for (int i = 0; i < gd.length; i++) {
                if (c[i] != 0f) {
                    ga[i] = gd[i];
                } else {
                    gb[i] = gd[i];
                }
            }
            return new Tensor[] {null, Broadcast.sumTo(Tensor.wrap(ga, s), a.shape()), Broadcast.sumTo(Tensor.wrap(gb, s), b.shape())};
        }, condition, a, b);
    }

    /** The gradient of an input that was added as is: {@code g} summed to its shape, or null when unneeded. */
    private static Tensor gradFor(Tensor in, Tensor g) {
        return in.requiresGrad() ? Broadcast.sumTo(g, in.shape()) : null;
    }
}
