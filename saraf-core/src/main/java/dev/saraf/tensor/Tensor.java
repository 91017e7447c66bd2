package dev.saraf.tensor;

import dev.saraf.autograd.Backward;
import dev.saraf.autograd.Engine;
import dev.saraf.autograd.NoGrad;
import dev.saraf.autograd.Node;
import java.util.random.RandomGenerator;

/**
 * A float32 N-dimensional array, row-major and contiguous, that records the ops applied to it so
 * that {@link #backward()} can compute gradients.
 *
 * <p>Ops are methods ({@code x.matmul(w).add(b).relu()}) and static factories
 * ({@link #zeros}, {@link #randn(RandomGenerator, int...)}). Binary elementwise ops broadcast as
 * NumPy and PyTorch do. Every op returns a new tensor and never changes its inputs; the few
 * in-place methods end in {@code _} as in PyTorch and are meant for optimisers under
 * {@link NoGrad}. Indices (argmax, index-select) are carried as float values, exact below 2^24.
 */
public final class Tensor {
    private final float[] data;
    private final Shape shape;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    /** Whether {@link #data} is referenced by this tensor alone, so a leaf may keep it as its gradient ({@link #wrapFresh}). */
    private boolean exclusive;

    private Tensor(float[] data, Shape shape) {
        if (data.length != shape.numel()) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape " + shape
                    + " (" + shape.numel() + " elements)");
        }
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} without copying: the tensor and the array share storage. */
    public static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(data, shape);
    }

    /**
     * Wraps an array made just now that nothing else references, typically a gradient an op's
     * backward has computed. A leaf that receives it as its first gradient ({@link #accumulateGrad})
     * keeps the array instead of copying it, as PyTorch's AccumulateGrad steals a gradient no one
     * else holds: for W-MLP's first layer that is an 800 KB copy a training step fewer. The caller
     * must not keep or use {@code data} after this call.
     */
    public static Tensor wrapFresh(float[] data, Shape shape) {
        Tensor t = new Tensor(data, shape);
        t.exclusive = true;
        return t;
    }

    /** Wraps {@code data} without copying: the tensor and the array share storage. */
    public static Tensor wrap(float[] data, int... dims) {
        return new Tensor(data, Shape.of(dims));
    }

    /** A tensor holding a copy of {@code data} with the given dimensions. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(data.clone(), Shape.of(dims));
    }

    /** A 1-D tensor of the given values. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), Shape.of(values.length));
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[][] rows) {
        return Creation.matrix(rows);
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, Shape.scalar());
    }

    /** All zeros. */
    public static Tensor zeros(int... dims) {
        return new Tensor(new float[Shape.of(dims).numel()], Shape.of(dims));
    }

    /** All zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(new float[shape.numel()], shape);
    }

    /** All ones. */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** Every element {@code value}. */
    public static Tensor full(float value, int... dims) {
        return Creation.full(value, Shape.of(dims));
    }

    /** {@code start, start+step, ...} below {@code end}, as a 1-D tensor. */
    public static Tensor arange(float start, float end, float step) {
        return Creation.arange(start, end, step);
    }

    /** {@code 0, 1, ..., end-1}. */
    public static Tensor arange(int end) {
        return Creation.arange(0, end, 1);
    }

    /** The {@code n x n} identity. */
    public static Tensor eye(int n) {
        return Creation.eye(n);
    }

    /** Uniform in {@code [0, 1)}. */
    public static Tensor rand(RandomGenerator rng, int... dims) {
        return Creation.uniform(rng, 0f, 1f, Shape.of(dims));
    }

    /** Uniform in {@code [low, high)}. */
    public static Tensor uniform(RandomGenerator rng, float low, float high, int... dims) {
        return Creation.uniform(rng, low, high, Shape.of(dims));
    }

    /** Standard normal. */
    public static Tensor randn(RandomGenerator rng, int... dims) {
        return Creation.normal(rng, 0f, 1f, Shape.of(dims));
    }

    /** Normal with the given mean and standard deviation. */
    public static Tensor normal(RandomGenerator rng, float mean, float std, int... dims) {
        return Creation.normal(rng, mean, std, Shape.of(dims));
    }

    /** Uniform in {@code [0, 1)} from a seeded generator. */
    public static Tensor rand(long seed, int... dims) {
        return rand(Creation.rng(seed), dims);
    }

    /** Standard normal from a seeded generator. */
    public static Tensor randn(long seed, int... dims) {
        return randn(Creation.rng(seed), dims);
    }

    /**
     * The result of a differentiable op: wraps {@code data} and, when recording is on and an input
     * requires a gradient, records {@code backward} so that gradients can flow to the inputs. This
     * is how new ops are written; see the op classes of this package for examples.
     */
    public static Tensor fromOp(float[] data, Shape shape, String op, Backward backward, Tensor... inputs) {
        Tensor out = new Tensor(data, shape);
        if (NoGrad.isGradEnabled()) {
            for (Tensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    out.requiresGrad = true;
                    out.gradFn = new Node(op, backward, data, inputs);
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- data and shape

    /** The backing array (row-major); writing it changes the tensor. */
    public float[] data() {
        return data;
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The dimensions, as a copy. */
    public int[] dims() {
        return shape.dims();
    }

    /** Number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Size of one axis (negative counts from the end). */
    public int size(int axis) {
        return shape.dim(axis);
    }

    /** Number of elements. */
    public int numel() {
        return data.length;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, this one has shape " + shape);
        }
        return data[0];
    }

    /** The element at the given indices. */
    public float get(int... index) {
        return data[Creation.flatIndex(shape, index)];
    }

    /** A copy of the elements. */
    public float[] toArray() {
        return data.clone();
    }

    /** A deep copy, detached from the graph. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    // ---------------------------------------------------------------- autograd

    /** True when gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as a parameter whose gradient {@link #backward()} fills. Returns this. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad can only be set on leaf tensors; this one was made by "
                    + gradFn.op() + " (use detach() for a leaf)");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient, or {@code null} before any backward. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient ({@code null} clears it). */
    public void setGrad(Tensor g) {
        if (g != null && !g.shape.equals(shape)) {
            throw new IllegalArgumentException("gradient of shape " + g.shape + " for a tensor of shape " + shape);
        }
        this.grad = g;
    }

    /**
     * Adds {@code g} to the gradient ({@code +=}), allocating it on first use: a copy of {@code g},
     * or {@code g}'s own array when it was made by {@link #wrapFresh}.
     */
    public void accumulateGrad(Tensor g) {
        if (!g.shape.equals(shape)) {
            throw new IllegalArgumentException("gradient of shape " + g.shape + " for a tensor of shape " + shape);
        }
        if (grad == null && g.exclusive) {
            g.exclusive = false; // the array is the gradient's now: never handed over twice
            grad = new Tensor(g.data, shape);
        } else if (grad == null) {
            grad = new Tensor(g.data.clone(), shape);
        } else {
            float[] acc = grad.data;
            float[] add = g.data;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += add[i];
            }
        }
    }

    /** The node that made this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** True for tensors not made by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Back-propagates from this one-element tensor (a loss); frees the graph. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() without a gradient needs a one-element tensor (a loss), this one has shape "
                    + shape + "; pass a gradient of that shape with backward(grad)");
        }
        Engine.backward(this, full(1f, shape.dims()), false);
    }

    /** Back-propagates {@code grad}, the gradient of a scalar with respect to this tensor; frees the graph. */
    public void backward(Tensor grad) {
        Engine.backward(this, grad, false);
    }

    /** Back-propagates {@code grad}; keeps the graph when {@code retainGraph}. */
    public void backward(Tensor grad, boolean retainGraph) {
        Engine.backward(this, grad, retainGraph);
    }

    /** The same data, cut from the graph: a leaf that does not require grad. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) { return Elementwise.add(this, other); }
    /** {@code this + value}. */
    public Tensor add(float value) { return Elementwise.add(this, value); }
    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) { return Elementwise.sub(this, other); }
    /** {@code this - value}. */
    public Tensor sub(float value) { return Elementwise.add(this, -value); }
    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) { return Elementwise.mul(this, other); }
    /** {@code this * value}. */
    public Tensor mul(float value) { return Elementwise.mul(this, value); }
    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) { return Elementwise.div(this, other); }
    /** {@code this / value}. */
    public Tensor div(float value) { return Elementwise.mul(this, 1f / value); }
    /** {@code -this}. */
    public Tensor neg() { return Elementwise.neg(this); }
    /** {@code this ^ exponent}. */
    public Tensor pow(float exponent) { return Elementwise.pow(this, exponent); }
    /** {@code this ^ exponent}, broadcasting (this must be positive where the exponent is not an integer). */
    public Tensor pow(Tensor exponent) { return Elementwise.pow(this, exponent); }
    /** {@code e ^ this}. */
    public Tensor exp() { return Elementwise.exp(this); }
    /** Natural logarithm. */
    public Tensor log() { return Elementwise.log(this); }
    /** Square root. */
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    /** Absolute value (gradient 0 at 0). */
    public Tensor abs() { return Elementwise.abs(this); }
    /** Limits every element to {@code [min, max]}. */
    public Tensor clamp(float min, float max) { return Elementwise.clamp(this, min, max); }
    /** Elementwise maximum, broadcasting. */
    public Tensor maximum(Tensor other) { return Elementwise.maximum(this, other); }
    /** Elementwise minimum, broadcasting. */
    public Tensor minimum(Tensor other) { return Elementwise.minimum(this, other); }
    /** 1 where {@code this == other}, else 0 (not differentiable). */
    public Tensor eq(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.EQ); }
    /** 1 where {@code this != other}, else 0. */
    public Tensor ne(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.NE); }
    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.LT); }
    /** 1 where {@code this <= other}, else 0. */
    public Tensor le(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.LE); }
    /** 1 where {@code this > other}, else 0. */
    public Tensor gt(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.GT); }
    /** 1 where {@code this >= other}, else 0. */
    public Tensor ge(Tensor other) { return Elementwise.compare(this, other, Elementwise.Comparison.GE); }
    /** {@code condition != 0 ? a : b}, all three broadcast together. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) { return Elementwise.where(condition, a, b); }

    // ---------------------------------------------------------------- activations

    /** {@code max(0, x)}. */
    public Tensor relu() { return Activations.relu(this); }
    /** {@code x > 0 ? x : slope * x}. */
    public Tensor leakyRelu(float slope) { return Activations.leakyRelu(this, slope); }
    /** {@code x > 0 ? x : alpha * (e^x - 1)}. */
    public Tensor elu(float alpha) { return Activations.elu(this, alpha); }
    /** Gaussian error linear unit, exact (erf) form. */
    public Tensor gelu() { return Activations.gelu(this); }
    /** {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() { return Activations.sigmoid(this); }
    /** Hyperbolic tangent. */
    public Tensor tanh() { return Activations.tanh(this); }
    /** Softmax along {@code axis}, stable for large inputs. */
    public Tensor softmax(int axis) { return Activations.softmax(this, axis); }
    /** Log-softmax along {@code axis}, stable for large inputs. */
    public Tensor logSoftmax(int axis) { return Activations.logSoftmax(this, axis); }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements, a scalar. */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    /** Sum over {@code axes} (all when empty), dropping them unless {@code keepDim}. */
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    /** Sum over one axis, dropping it. */
    public Tensor sum(int axis) { return Reductions.sum(this, new int[] {axis}, false); }
    /** Mean of all elements. */
    public Tensor mean() { return Reductions.mean(this, null, false); }
    /** Mean over {@code axes}. */
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    /** Mean over one axis, dropping it. */
    public Tensor mean(int axis) { return Reductions.mean(this, new int[] {axis}, false); }
    /** Largest element, a scalar. */
    public Tensor max() { return Reductions.max(this, null, false); }
    /** Largest over {@code axes}; the gradient goes to the first maximum. */
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.max(this, axes, keepDim); }
    /** Smallest element, a scalar. */
    public Tensor min() { return Reductions.min(this, null, false); }
    /** Smallest over {@code axes}; the gradient goes to the first minimum. */
    public Tensor min(int[] axes, boolean keepDim) { return Reductions.min(this, axes, keepDim); }
    /** Index of the first maximum along {@code axis}. */
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.argmax(this, axis, keepDim); }
    /** Index of the first minimum along {@code axis}. */
    public Tensor argmin(int axis, boolean keepDim) { return Reductions.argmin(this, axis, keepDim); }
    /** Variance over {@code axes} with Bessel's {@code correction} (1: unbiased, 0: population). */
    public Tensor var(int[] axes, boolean keepDim, int correction) { return Reductions.var(this, axes, keepDim, correction); }

    // ---------------------------------------------------------------- movement

    /**
     * The same elements in a new shape; one dimension may be -1. A view: it shares this tensor's
     * storage (as PyTorch's reshape of a contiguous tensor), so an in-place op on one shows in the
     * other; {@link #copy()} first for an independent tensor. Likewise flatten and squeeze/unsqueeze.
     */
    public Tensor reshape(int... dims) { return Movement.reshape(this, dims); }
    /** Flattens axes {@code start..end} (inclusive) into one; a view, like {@link #reshape}. */
    public Tensor flatten(int start, int end) { return Movement.flatten(this, start, end); }
    /** Swaps two axes. */
    public Tensor transpose(int axis0, int axis1) { return Movement.transpose(this, axis0, axis1); }
    /** Reorders the axes: output axis i is input axis {@code order[i]}. */
    public Tensor permute(int... order) { return Movement.permute(this, order); }
    /** Drops every axis of size 1. */
    public Tensor squeeze() { return Movement.squeeze(this); }
    /** Drops {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) { return Movement.squeeze(this, axis); }
    /** Inserts an axis of size 1 at {@code axis}. */
    public Tensor unsqueeze(int axis) { return Movement.unsqueeze(this, axis); }
    /** Elements {@code start, start+step, ...} below {@code end} along {@code axis}. */
    public Tensor slice(int axis, int start, int end, int step) { return Movement.slice(this, axis, start, end, step); }
    /** Elements {@code start..end-1} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) { return Movement.slice(this, axis, start, end, 1); }
    /** Index {@code index} along {@code axis}, dropping the axis. */
    public Tensor select(int axis, int index) { return Movement.select(this, axis, index); }
    /** The entries at {@code indices} along {@code axis} (repeats allowed). */
    public Tensor indexSelect(int axis, int... indices) { return Movement.indexSelect(this, axis, indices); }
    /** Broadcasts to {@code dims} (as PyTorch's expand, but materialised). */
    public Tensor expand(int... dims) { return Movement.expand(this, dims); }
    /**
     * Pads with a constant; {@code pads} holds (before, after) pairs starting from the last axis,
     * as PyTorch's {@code F.pad}.
     */
    public Tensor pad(int[] pads, float value) { return Movement.pad(this, pads, value); }
    /** Joins tensors along an existing axis. */
    public static Tensor cat(int axis, Tensor... tensors) { return Movement.cat(axis, tensors); }
    /** Joins tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) { return Movement.stack(axis, tensors); }

    // ---------------------------------------------------------------- linear algebra, convolution, pooling

    /** Matrix product with NumPy semantics: 1-D, 2-D, and batched with broadcast batch axes. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }
    /** The transpose of a 2-D tensor. */
    public Tensor t() { return Movement.transpose(this, 0, 1); }

    /**
     * 2-D convolution (cross-correlation) of this {@code [N, C, H, W]} with {@code weight}
     * {@code [K, C/groups, R, S]} and optional {@code bias} {@code [K]}, giving {@code [N, K, P, Q]}.
     * {@code stride}, {@code padding} and {@code dilation} are (height, width) pairs.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
    }

    /** Max pooling of {@code [N, C, H, W]}; {@code kernel}, {@code stride}, {@code padding} are (h, w) pairs. */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) { return Pooling.maxPool2d(this, kernel, stride, padding); }

    /** Average pooling of {@code [N, C, H, W]} (padding counted in the divisor, as PyTorch's default). */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding) { return Pooling.avgPool2d(this, kernel, stride, padding); }

    // ---------------------------------------------------------------- in place (optimisers, under NoGrad)

    /** Fills with {@code value} in place. Returns this. */
    public Tensor fill_(float value) {
        java.util.Arrays.fill(data, value);
        return this;
    }

    /** Copies {@code src}'s values in place; shapes must match. Returns this. */
    public Tensor copy_(Tensor src) {
        if (!src.shape.equals(shape)) {
            throw new IllegalArgumentException("copy_: source shape " + src.shape + " does not match " + shape);
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
        return this;
    }

    @Override
    public String toString() {
        return Creation.format(this);
    }
}
