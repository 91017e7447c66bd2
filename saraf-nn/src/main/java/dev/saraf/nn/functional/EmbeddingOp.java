package dev.saraf.nn.functional;

import dev.saraf.tensor.Tensor;

/**
 * Row lookup {@code weight[indices]}: indices {@code [*]} (whole numbers carried as floats) and a
 * table {@code [V, E]} give {@code [*, E]}. The backward adds each output row's gradient into the
 * row it came from, in index order, so repeated indices accumulate deterministically.
 */
final class EmbeddingOp {
    private EmbeddingOp() {}

    static Tensor apply(Tensor indices, Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: weight must be [V, E], got " + weight.shape());
        }
        int v = weight.size(0);
        int e = weight.size(1);
        float[] idx = indices.data();
        int[] rows = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            float f = idx[i];
            if (!(f >= 0 && f < v) || f != Math.rint(f)) {
                throw new IllegalArgumentException("embedding: index " + f + " at position " + i + " is outside [0, " + v
                        + ") or not a whole number (indices " + indices.shape() + ")");
            }
            rows[i] = (int) f;
        }
        float[] w = weight.data();
        float[] out = new float[rows.length * e];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(w, rows[i] * e, out, i * e, e);
        }
        int[] inDims = indices.dims();
        int[] outDims = java.util.Arrays.copyOf(inDims, inDims.length + 1);
        outDims[inDims.length] = e;
        return Tensor.fromOp(out, dev.saraf.tensor.Shape.of(outDims), "embedding", g -> {
            float[] gd = g.data();
            float[] dw = new float[w.length];
            for (int i = 0; i < rows.length; i++) {
                int src = i * e;
                int dst = rows[i] * e;
                for (int j = 0; j < e; j++) {
                    dw[dst + j] += gd[src + j];
                }
            }
            return new Tensor[] {null, Tensor.wrap(dw, weight.shape())};
        }, indices, weight);
    }
}
