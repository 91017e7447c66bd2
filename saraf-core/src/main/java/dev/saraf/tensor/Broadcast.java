package dev.saraf.tensor;

import dev.saraf.kernels.BinaryKernels;
import dev.saraf.kernels.BinaryOp;
import dev.saraf.kernels.ReduceOp;
import java.util.Arrays;

/**
 * NumPy broadcasting: the shape two or more operands broadcast to, reading an operand as that
 * shape (stride 0 along repeated axes), materialising it, and the reverse used by every backward,
 * {@link #sumTo}, which sums a gradient back to an input's shape.
 *
 * <p>Shapes are aligned at their last axis; two sizes are compatible when they are equal or one of
 * them is 1; missing leading axes count as 1. So {@code [3, 1, 5]} and {@code [4, 5]} broadcast to
 * {@code [3, 4, 5]}, and {@code []} (a scalar) broadcasts to anything.
 */
public final class Broadcast {
    private static final float[] ONE = {1f};

    private Broadcast() {}

    /**
     * The shape {@code a} and {@code b} broadcast to.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes when they are incompatible
     */
    public static Shape shape(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        Shape s = combine(a, b);
        if (s == null) {
            throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast");
        }
        return s;
    }

    /** The shape all of {@code shapes} broadcast to; the error names {@code op} and every shape. */
    public static Shape shape(String op, Shape... shapes) {
        Shape s = shapes[0];
        for (int i = 1; i < shapes.length && s != null; i++) {
            s = combine(s, shapes[i]);
        }
        if (s == null) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(shapes).replaceAll("^\\[|\\]$", "")
                    + " cannot be broadcast");
        }
        return s;
    }

    private static Shape combine(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dim(i - (r - a.rank()));
            int db = i < r - b.rank() ? 1 : b.dim(i - (r - b.rank()));
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /**
     * The strides, in elements, that read a row-major tensor of shape {@code in} as shape
     * {@code out}: 0 along broadcast axes (size 1 in {@code in}) and missing leading axes.
     * {@code in} must broadcast to {@code out}.
     */
    public static int[] strides(Shape in, Shape out) {
        int r = out.rank();
        int lead = r - in.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("broadcast: shape " + in + " cannot be read as the lower-rank shape " + out);
        }
        int[] inStrides = in.strides();
        int[] s = new int[r];
        for (int i = 0; i < in.rank(); i++) {
            int d = in.dim(i);
            if (d == out.dim(i + lead)) {
                s[i + lead] = d == 1 ? 0 : inStrides[i];
            } else if (d != 1) {
                throw new IllegalArgumentException("broadcast: shape " + in + " cannot be broadcast to " + out);
            }
        }
        return s;
    }

    /**
     * {@code t}'s values repeated to {@code shape}, as a new tensor outside the graph (for use in
     * backward functions and kernels); {@code t} itself when it already has that shape.
     */
    public static Tensor to(Tensor t, Shape shape) {
        if (t.shape().equals(shape)) {
            return t;
        }
        float[] out = new float[shape.numel()];
        // multiplying by exactly 1 is a copy that keeps -0 and NaN payload-free semantics
        BinaryKernels.broadcast(BinaryOp.MUL, shape.dims(), t.data(), 0, strides(t.shape(), shape),
                ONE, 0, new int[shape.rank()], out, 0);
        return Tensor.wrap(out, shape);
    }

    /**
     * Sums {@code grad} over the axes along which an input of {@code shape} was broadcast, giving
     * a tensor of {@code shape} outside the graph: the gradient of that input. {@code grad} itself
     * when the shapes are equal.
     *
     * @throws IllegalArgumentException when {@code shape} does not broadcast to {@code grad}'s shape
     */
    public static Tensor sumTo(Tensor grad, Shape shape) {
        Shape g = grad.shape();
        if (g.equals(shape)) {
            return grad;
        }
        int lead = g.rank() - shape.rank();
        boolean[] reduce = new boolean[g.rank()];
        boolean compatible = lead >= 0;
        for (int i = 0; i < g.rank() && compatible; i++) {
            if (i < lead) {
                reduce[i] = true;
            } else {
                int d = shape.dim(i - lead);
                compatible = d == g.dim(i) || d == 1;
                reduce[i] = d == 1 && g.dim(i) != 1;
            }
        }
        if (!compatible) {
            throw new IllegalArgumentException("sumTo: gradient of shape " + g + " cannot be summed to shape " + shape);
        }
        return Tensor.wrap(ReduceAxes.reduce(ReduceOp.SUM, grad.data(), g.dims(), reduce), shape);
    }

    /** {@code op(a, b)} broadcast to {@code out}, picking the cheapest kernel form. */
    static float[] apply(BinaryOp op, Tensor a, Tensor b, Shape out) {
        float[] o = new float[out.numel()];
        int n = o.length;
        boolean aFull = a.shape().equals(out);
        boolean bFull = b.shape().equals(out);
        if (aFull && bFull) {
            BinaryKernels.apply(op, a.data(), 0, b.data(), 0, o, 0, n);
        } else if (aFull && b.numel() == 1) {
            BinaryKernels.applyScalar(op, a.data(), 0, b.data()[0], o, 0, n);
        } else if (bFull && a.numel() == 1) {
            BinaryKernels.applyScalarLeft(op, a.data()[0], b.data(), 0, o, 0, n);
        } else {
            BinaryKernels.broadcast(op, out.dims(), a.data(), 0, strides(a.shape(), out), b.data(), 0,
                    strides(b.shape(), out), o, 0);
        }
        return o;
    }
}
