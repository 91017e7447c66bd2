package dev.saraf.tensor;

import java.util.Arrays;

/** Concatenation and stacking behind {@link Movement#cat} and {@link Movement#stack}, with their backward. */
final class Joining {
    private Joining() {}

    /**
     * Joins tensors along an existing axis; shapes must agree except along it:
     * {@code [a, n1, c], [a, n2, c] -> [a, n1 + n2, c]}.
     */
    static Tensor cat(int axis, Tensor... tensors) {
        Shape first = firstShape("cat", tensors);
        if (first.rank() == 0) {
            throw new IllegalArgumentException("cat: tensor 0 is a scalar " + first + "; use stack to join scalars");
        }
        int a = first.axis(axis);
        int total = 0;
        int[] chunk = new int[tensors.length];
        int inner = first.numel(a + 1, first.rank());
        for (int t = 0; t < tensors.length; t++) {
            Shape st = tensors[t].shape();
            boolean ok = st.rank() == first.rank();
            for (int i = 0; ok && i < st.rank(); i++) {
                ok = i == a || st.dim(i) == first.dim(i);
            }
            if (!ok) {
                throw new IllegalArgumentException("cat: tensor " + t + " has shape " + st + " but tensor 0 has shape " + first
                        + "; shapes must agree except along axis " + axis);
            }
            total += st.dim(a);
            chunk[t] = st.dim(a) * inner;
        }
        int[] outDims = first.dims();
        outDims[a] = total;
        return interleave("cat", tensors, first.numel(0, a), chunk, Shape.of(outDims));
    }

    /**
     * Joins equally shaped tensors along a new axis at {@code axis} (in {@code [-(rank+1), rank]}):
     * {@code n} tensors {@code [a, b] -> [a, n, b]} for axis 1.
     */
    static Tensor stack(int axis, Tensor... tensors) {
        Shape first = firstShape("stack", tensors);
        int a = Movement.insertionAxis("stack", first, axis);
        for (int t = 1; t < tensors.length; t++) {
            if (!tensors[t].shape().equals(first)) {
                throw new IllegalArgumentException("stack: tensor " + t + " has shape " + tensors[t].shape() + " but tensor 0 has shape "
                        + first + "; all must be equal");
            }
        }
        int[] chunk = new int[tensors.length];
        Arrays.fill(chunk, first.numel(a, first.rank()));
        return interleave("stack", tensors, first.numel(0, a), chunk, Shape.of(Movement.insert(first.dims(), a, tensors.length)));
    }

    /** Output {@code [outer, sum(chunk)]}: row o is tensor 0's o-th chunk, then tensor 1's, and so on. */
    private static Tensor interleave(String op, Tensor[] tensors, int outer, int[] chunk, Shape outShape) {
        Tensor[] ins = tensors.clone();
        int row = 0;
        for (int c : chunk) {
            row += c;
        }
        float[] out = new float[outShape.numel()];
        for (int t = 0, col = 0; t < ins.length; col += chunk[t], t++) {
            float[] src = ins[t].data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * chunk[t], out, o * row + col, chunk[t]);
            }
        }
        int rowLen = row;
        return Tensor.fromOp(out, outShape, op, g -> {
            float[] gd = g.data();
            Tensor[] grads = new Tensor[ins.length];
            for (int t = 0, col = 0; t < ins.length; col += chunk[t], t++) {
                if (!ins[t].requiresGrad()) {
                    continue;
                }
                float[] gi = new float[ins[t].numel()];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(gd, o * rowLen + col, gi, o * chunk[t], chunk[t]);
                }
                grads[t] = Tensor.wrap(gi, ins[t].shape());
            }
            return grads;
        }, ins);
    }

    private static Shape firstShape(String op, Tensor[] tensors) {
        if (tensors == null || tensors.length == 0) {
            throw new IllegalArgumentException(op + ": needs at least one tensor");
        }
        for (int t = 0; t < tensors.length; t++) {
            if (tensors[t] == null) {
                throw new IllegalArgumentException(op + ": tensor " + t + " is null");
            }
        }
        return tensors[0].shape();
    }
}
