package dev.saraf.tensor;

import java.util.Arrays;

/**
 * Reshaping, reordering, slicing and joining; each op's backward beside its forward.
 *
 * <p>Tensors are always contiguous and row-major, so every op here materialises its output (a
 * reshape copies its data rather than aliasing it); the copies go through the blocked and
 * row-wise loops of {@link Rearrange}.
 */
public final class Movement {
    private Movement() {}

    // ---------------------------------------------------------------- same elements, new shape

    /**
     * The same elements in row-major order with dimensions {@code dims}; one entry may be -1 and
     * is inferred. {@code [d0, ..., dn] -> dims}.
     */
    public static Tensor reshape(Tensor x, int[] dims) {
        return relabel("reshape", x, Shape.of(inferDims("reshape", x.shape(), dims)));
    }

    /** Merges axes {@code start..end} (inclusive, negative from the end) into one; a scalar becomes {@code [1]}. */
    public static Tensor flatten(Tensor x, int start, int end) {
        Shape s = x.shape();
        if (s.rank() == 0) {
            return relabel("flatten", x, Shape.of(1));
        }
        int a = s.axis(start);
        int b = s.axis(end);
        if (a > b) {
            throw new IllegalArgumentException("flatten: start axis " + start + " comes after end axis " + end + " in shape " + s);
        }
        int[] d = s.dims();
        int[] out = new int[d.length - (b - a)];
        System.arraycopy(d, 0, out, 0, a);
        out[a] = s.numel(a, b + 1);
        System.arraycopy(d, b + 1, out, a + 1, d.length - b - 1);
        return relabel("flatten", x, Shape.of(out));
    }

    /** Drops every axis of size 1: {@code [2, 1, 3, 1] -> [2, 3]}. */
    public static Tensor squeeze(Tensor x) {
        return relabel("squeeze", x, Shape.of(Arrays.stream(x.dims()).filter(d -> d != 1).toArray()));
    }

    /** Drops {@code axis}, which must have size 1: {@code [2, 1, 3]}, axis 1 {@code -> [2, 3]}. */
    public static Tensor squeeze(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.axis(axis);
        if (s.dim(a) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + s + " has size " + s.dim(a) + ", not 1");
        }
        return relabel("squeeze", x, Shape.of(remove(s.dims(), a)));
    }

    /** Inserts an axis of size 1 before position {@code axis} (in {@code [-(rank+1), rank]}): {@code [2, 3]}, 1 {@code -> [2, 1, 3]}. */
    public static Tensor unsqueeze(Tensor x, int axis) {
        Shape s = x.shape();
        int a = insertionAxis("unsqueeze", s, axis);
        return relabel("unsqueeze", x, Shape.of(insert(s.dims(), a, 1)));
    }

    /** Copies {@code x} under a new shape of the same element count; the gradient flows back the same way. */
    /**
     * The same elements under another shape: the result shares {@code x}'s storage (a view, as
     * PyTorch's reshape of a contiguous tensor), and its gradient shares the incoming gradient's.
     * Nothing is copied: flattening a batch of feature maps costs nothing either way.
     */
    private static Tensor relabel(String op, Tensor x, Shape to) {
        Shape from = x.shape();
        return Tensor.fromOp(x.data(), to, op, g -> new Tensor[] {Tensor.wrap(g.data(), from)}, x);
    }

    static int[] inferDims(String op, Shape from, int[] dims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": shape " + Arrays.toString(dims) + " has more than one -1 (from " + from + ")");
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(dims) + " has a negative size (from " + from + ")");
            } else {
                known *= dims[i];
            }
        }
        int[] out = dims.clone();
        if (infer >= 0) {
            if (known == 0 || from.numel() % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + from + " (" + from.numel() + " elements) to "
                        + Arrays.toString(dims));
            }
            out[infer] = (int) (from.numel() / known);
        } else if (known != from.numel()) {
            throw new IllegalArgumentException(op + ": cannot reshape " + from + " (" + from.numel() + " elements) to "
                    + Arrays.toString(dims) + " (" + known + " elements)");
        }
        return out;
    }

    // ---------------------------------------------------------------- reordering

    /** Swaps two axes: {@code [a, b, c]}, (0, 2) {@code -> [c, b, a]}. */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        Shape s = x.shape();
        int a = s.axis(axis0);
        int b = s.axis(axis1);
        int[] order = new int[s.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permuteChecked("transpose", x, order);
    }

    /** Reorders axes: output axis i is input axis {@code order[i]} (negative counts from the end). */
    public static Tensor permute(Tensor x, int[] order) {
        Shape s = x.shape();
        if (order.length != s.rank()) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " has " + order.length
                    + " entries for the " + s.rank() + " axes of shape " + s);
        }
        int[] o = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int a = order[i] < 0 ? order[i] + s.rank() : order[i];
            if (a < 0 || a >= s.rank() || seen[a]) {
                throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " is not a permutation of the "
                        + s.rank() + " axes of shape " + s);
            }
            seen[a] = true;
            o[i] = a;
        }
        return permuteChecked("permute", x, o);
    }

    private static Tensor permuteChecked(String op, Tensor x, int[] order) {
        int[] dims = x.dims();
        int[] outDims = new int[dims.length];
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            outDims[i] = dims[order[i]];
            inverse[order[i]] = i;
        }
        float[] out = Rearrange.permute(x.data(), dims, order);
        return Tensor.fromOp(out, Shape.of(outDims), op,
                g -> new Tensor[] {Tensor.wrap(Rearrange.permute(g.data(), outDims, inverse), Shape.of(dims))}, x);
    }

    // ---------------------------------------------------------------- slicing and indexing

    /**
     * Elements {@code start, start+step, ...} below {@code end} along {@code axis}, as Python
     * slices: negative {@code start}/{@code end} count from the end and both are clamped to the
     * axis; {@code step >= 1}. The axis shrinks to {@code ceil((end - start) / step)} (0 if empty).
     */
    public static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        Shape s = x.shape();
        int a = s.axis(axis);
        if (step < 1) {
            throw new IllegalArgumentException("slice: step " + step + " along axis " + axis + " of shape " + s + " must be at least 1");
        }
        int n = s.dim(a);
        int lo = clampIndex(start, n);
        int hi = clampIndex(end, n);
        int len = hi > lo ? (hi - lo + step - 1) / step : 0;
        int[] index = new int[len];
        for (int j = 0; j < len; j++) {
            index[j] = lo + j * step;
        }
        int[] outDims = s.dims();
        outDims[a] = len;
        return gatherOp("slice", x, a, index, Shape.of(outDims));
    }

    /** Index {@code index} (negative from the end) along {@code axis}, dropping the axis: {@code [a, b, c]}, axis 1 {@code -> [a, c]}. */
    public static Tensor select(Tensor x, int axis, int index) {
        Shape s = x.shape();
        int a = s.axis(axis);
        int n = s.dim(a);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("select: index " + index + " is out of range for axis " + axis + " of size " + n
                    + " in shape " + s);
        }
        return gatherOp("select", x, a, new int[] {i}, Shape.of(remove(s.dims(), a)));
    }

    /**
     * The entries at {@code indices} along {@code axis}, in that order, repeats allowed:
     * {@code [a, n, c] -> [a, indices.length, c]}. The backward adds each gradient slice back to
     * the entry it came from.
     */
    public static Tensor indexSelect(Tensor x, int axis, int[] indices) {
        Shape s = x.shape();
        int a = s.axis(axis);
        int n = s.dim(a);
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= n) {
                throw new IllegalArgumentException("indexSelect: index " + indices[j] + " at position " + j
                        + " is out of range for axis " + axis + " of size " + n + " in shape " + s);
            }
        }
        int[] outDims = s.dims();
        outDims[a] = indices.length;
        return gatherOp("indexSelect", x, a, indices.clone(), Shape.of(outDims));
    }

    private static Tensor gatherOp(String op, Tensor x, int axis, int[] index, Shape outShape) {
        Shape s = x.shape();
        int outer = s.numel(0, axis);
        int n = s.dim(axis);
        int inner = s.numel(axis + 1, s.rank());
        float[] out = Rearrange.gather(x.data(), outer, n, inner, index);
        return Tensor.fromOp(out, outShape, op,
                g -> new Tensor[] {Tensor.wrap(Rearrange.scatterAdd(g.data(), outer, n, inner, index), s)}, x);
    }

    private static int clampIndex(int i, int n) {
        int v = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, v));
    }

    // ---------------------------------------------------------------- broadcasting and padding

    /**
     * Broadcasts to {@code dims} as PyTorch's {@code expand} (new axes in front; size-1 axes
     * stretch; -1 keeps an existing size), materialised. The backward sums over stretched axes.
     */
    public static Tensor expand(Tensor x, int[] dims) {
        Shape s = x.shape();
        int rank = dims.length;
        if (rank < s.rank()) {
            throw new IllegalArgumentException("expand: shape " + s + " cannot be expanded to " + Arrays.toString(dims)
                    + ", which has fewer axes");
        }
        int lead = rank - s.rank();
        int[] aligned = new int[rank];
        int[] target = dims.clone();
        for (int i = 0; i < rank; i++) {
            int d = i < lead ? 1 : s.dim(i - lead);
            aligned[i] = d;
            if (target[i] == -1 && i >= lead) {
                target[i] = d;
            }
            if (target[i] < 0 || (d != 1 && d != target[i])) {
                throw new IllegalArgumentException("expand: shape " + s + " cannot be expanded to " + Arrays.toString(dims)
                        + " (axis " + i + ": " + d + " to " + dims[i] + ")");
            }
        }
        float[] out = Rearrange.broadcast(x.data(), aligned, target);
        return Tensor.fromOp(out, Shape.of(target), "expand",
                g -> new Tensor[] {Tensor.wrap(Rearrange.sumTo(g.data(), target, aligned), s)}, x);
    }

    /**
     * Pads with {@code value}: {@code pads} holds (before, after) pairs starting from the last
     * axis, as PyTorch's {@code F.pad}; {@code [.., H, W]} with {@code (l, r, t, b)} becomes
     * {@code [.., H+t+b, W+l+r]}. Negative amounts crop. The backward slices the gradient.
     */
    public static Tensor pad(Tensor x, int[] pads, float value) {
        Shape s = x.shape();
        int rank = s.rank();
        if (pads.length % 2 != 0 || pads.length > 2 * rank) {
            throw new IllegalArgumentException("pad: " + pads.length + " amounts " + Arrays.toString(pads)
                    + " must come in (before, after) pairs, at most two per axis of shape " + s);
        }
        int[] dims = s.dims();
        int[] outDims = dims.clone();
        int[] srcLo = new int[rank];
        int[] dstLo = new int[rank];
        int[] count = dims.clone();
        for (int i = 0; i < pads.length / 2; i++) {
            int a = rank - 1 - i;
            int before = pads[2 * i];
            int after = pads[2 * i + 1];
            long size = (long) dims[a] + before + after;
            if (size < 0) {
                throw new IllegalArgumentException("pad: amounts " + Arrays.toString(pads) + " crop axis " + a + " of shape " + s
                        + " below zero");
            }
            outDims[a] = (int) size;
            srcLo[a] = Math.max(0, -before);
            dstLo[a] = srcLo[a] + before;
            count[a] = Math.max(0, Math.min(dims[a], dims[a] + after) - srcLo[a]);
        }
        float[] out = new float[Shape.of(outDims).numel()];
        if (Float.floatToRawIntBits(value) != 0) { // NaN and -0.0 need the fill too
            Arrays.fill(out, value);
        }
        Rearrange.copyBox(x.data(), dims, srcLo, out, outDims, dstLo, count);
        return Tensor.fromOp(out, Shape.of(outDims), "pad", g -> {
            float[] gi = new float[s.numel()];
            Rearrange.copyBox(g.data(), outDims, dstLo, gi, dims, srcLo, count);
            return new Tensor[] {Tensor.wrap(gi, s)};
        }, x);
    }

    // ---------------------------------------------------------------- joining

    /**
     * Joins tensors along an existing axis; shapes must agree except along it:
     * {@code [a, n1, c], [a, n2, c] -> [a, n1 + n2, c]}.
     */
    public static Tensor cat(int axis, Tensor... tensors) {
        return Joining.cat(axis, tensors);
    }

    /**
     * Joins equally shaped tensors along a new axis at {@code axis} (in {@code [-(rank+1), rank]}):
     * {@code n} tensors {@code [a, b] -> [a, n, b]} for axis 1.
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        return Joining.stack(axis, tensors);
    }

    // ---------------------------------------------------------------- dimension arithmetic

    static int insertionAxis(String op, Shape s, int axis) {
        int r = s.rank();
        int a = axis < 0 ? axis + r + 1 : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for inserting into shape " + s
                    + " (allowed " + (-r - 1) + ".." + r + ")");
        }
        return a;
    }

    private static int[] remove(int[] dims, int axis) {
        int[] out = new int[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, axis);
        System.arraycopy(dims, axis + 1, out, axis, dims.length - axis - 1);
        return out;
    }

    static int[] insert(int[] dims, int axis, int size) {
        int[] out = new int[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, axis);
        out[axis] = size;
        System.arraycopy(dims, axis, out, axis + 1, dims.length - axis);
        return out;
    }
}
