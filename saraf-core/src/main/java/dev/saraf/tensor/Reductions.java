package dev.saraf.tensor;

import dev.saraf.kernels.BinaryKernels;
import dev.saraf.kernels.BinaryOp;
import dev.saraf.kernels.ReduceOp;

/**
 * Reductions over any set of axes: {@code axes} null or empty means all, negative axes count from
 * the end, a repeated axis is an error. The reduced axes are dropped from the result, or kept with
 * size 1 when {@code keepDim}; e.g. {@code [N, C, H, W]} over {@code {0, 2, 3}} gives {@code [C]}
 * or {@code [1, C, 1, 1]}. Each op's backward is written beside its forward.
 *
 * <p>Sums are pairwise/blocked in float (see {@link dev.saraf.kernels.ReduceKernels}) and the same,
 * bit for bit, for every thread count.
 */
public final class Reductions {
    private Reductions() {}

    /** Sum over {@code axes}. Backward: the gradient repeated over the reduced axes. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        boolean[] red = ReduceAxes.flags("sum", x.shape(), axes);
        float[] out = ReduceAxes.reduce(ReduceOp.SUM, x.data(), x.dims(), red);
        Shape kept = ReduceAxes.reducedShape(x.shape(), red, true);
        return Tensor.fromOp(out, ReduceAxes.reducedShape(x.shape(), red, keepDim), "sum",
                g -> new Tensor[] {Broadcast.to(Tensor.wrap(g.data(), kept), x.shape())}, x);
    }

    /** Mean over {@code axes} (NaN where no elements are reduced). Backward: the gradient / count, repeated. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        boolean[] red = ReduceAxes.flags("mean", x.shape(), axes);
        float[] out = ReduceAxes.reduce(ReduceOp.SUM, x.data(), x.dims(), red);
        float count = ReduceAxes.count(x.shape(), red);
        BinaryKernels.applyScalar(BinaryOp.DIV, out, 0, count, out, 0, out.length);
        Shape kept = ReduceAxes.reducedShape(x.shape(), red, true);
        return Tensor.fromOp(out, ReduceAxes.reducedShape(x.shape(), red, keepDim), "mean", g -> {
            float[] scaled = new float[g.numel()];
            BinaryKernels.applyScalar(BinaryOp.DIV, g.data(), 0, count, scaled, 0, scaled.length);
            return new Tensor[] {Broadcast.to(Tensor.wrap(scaled, kept), x.shape())};
        }, x);
    }

    /** Largest over {@code axes}; the gradient goes to the first maximum in row-major order. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDim) {
        return extremum("max", ReduceOp.MAX, x, axes, keepDim);
    }

    /** Smallest over {@code axes}; the gradient goes to the first minimum in row-major order. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDim) {
        return extremum("min", ReduceOp.MIN, x, axes, keepDim);
    }

    private static Tensor extremum(String name, ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        boolean[] red = ReduceAxes.flags(name, x.shape(), axes);
        Shape kept = ReduceAxes.reducedShape(x.shape(), red, true);
        if (ReduceAxes.count(x.shape(), red) == 0 && kept.numel() > 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over an empty axis of shape " + x.shape());
        }
        float[] out = ReduceAxes.reduce(op, x.data(), x.dims(), red);
        return Tensor.fromOp(out, ReduceAxes.reducedShape(x.shape(), red, keepDim), name,
                g -> new Tensor[] {Tensor.wrap(routeToFirst(x, out, kept, g.data()), x.shape())}, x);
    }

    /**
     * The gradient of max/min: {@code g[o]} placed at the first element (row-major) of each reduced
     * group equal to its extremum {@code ext[o]} (or NaN when it is NaN), zero elsewhere.
     */
    private static float[] routeToFirst(Tensor x, float[] ext, Shape kept, float[] g) {
        float[] xd = x.data();
        int[] dims = x.dims();
        int[] st = Broadcast.strides(kept, x.shape());
        int r = dims.length;
        float[] gx = new float[xd.length];
        boolean[] taken = new boolean[ext.length];
        int[] idx = new int[r];
        int o = 0;
        for (int i = 0; i < xd.length; i++) {
            float v = xd[i];
            float e = ext[o];
            if (!taken[o] && (v == e || (e != e && v != v))) {
                gx[i] = g[o];
                taken[o] = true;
            }
            for (int d = r - 1; d >= 0; d--) {
                o += st[d];
                if (++idx[d] < dims[d]) {
                    break;
                }
                o -= st[d] * dims[d];
                idx[d] = 0;
            }
        }
        return gx;
    }

    /** Index (as a float) of the first maximum along {@code axis}; NaN counts as largest. Not differentiable. */
    public static Tensor argmax(Tensor x, int axis, boolean keepDim) {
        return argExtremum("argmax", x, axis, keepDim, true);
    }

    /** Index (as a float) of the first minimum along {@code axis}; NaN counts as smallest. Not differentiable. */
    public static Tensor argmin(Tensor x, int axis, boolean keepDim) {
        return argExtremum("argmin", x, axis, keepDim, false);
    }

    private static Tensor argExtremum(String name, Tensor x, int axis, boolean keepDim, boolean max) {
        Shape s = x.shape();
        int ax;
        try {
            ax = s.axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        boolean[] red = new boolean[s.rank()];
        red[ax] = true;
        int outer = s.numel(0, ax);
        int n = s.dim(ax);
        int inner = s.numel(ax + 1, s.rank());
        if (n == 0 && outer * inner > 0) {
            throw new IllegalArgumentException(name + ": cannot reduce over the empty axis " + axis + " of shape " + s);
        }
        float[] xd = x.data();
        float[] out = new float[outer * inner];
        float[] best = new float[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            System.arraycopy(xd, base, best, 0, inner);
            int ob = o * inner;
            // row by row over the axis, so that the inner axis is read contiguously
            for (int j = 1; j < n; j++) {
                int row = base + j * inner;
                for (int k = 0; k < inner; k++) {
                    float v = xd[row + k];
                    float b = best[k];
                    boolean better = max ? v > b : v < b;
                    if (better || (v != v && b == b)) {
                        best[k] = v;
                        out[ob + k] = j;
                    }
                }
            }
        }
        return Tensor.wrap(out, ReduceAxes.reducedShape(s, red, keepDim));
    }

    /**
     * Variance over {@code axes}: {@code sum((x - mean)^2) / (count - correction)}; 1 gives the
     * unbiased estimate, 0 the population variance. Composed of differentiable ops, so its gradient
     * is {@code 2 (x - mean) / (count - correction)}.
     */
    public static Tensor var(Tensor x, int[] axes, boolean keepDim, int correction) {
        boolean[] red = ReduceAxes.flags("var", x.shape(), axes);
        if (correction < 0) {
            throw new IllegalArgumentException("var: correction must be >= 0, got " + correction);
        }
        int count = ReduceAxes.count(x.shape(), red);
        Tensor centred = x.sub(mean(x, axes, true));
        return sum(centred.mul(centred), axes, keepDim).div((float) (count - correction));
    }
}
