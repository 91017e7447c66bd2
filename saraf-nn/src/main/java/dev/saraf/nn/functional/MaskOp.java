package dev.saraf.nn.functional;

import dev.saraf.tensor.Tensor;

/**
 * {@code x * mask} for a mask of the same shape that is a constant of the op (not differentiated):
 * dropout's forward once its mask is drawn, so that a given mask gives a reproducible function.
 */
final class MaskOp {
    private MaskOp() {}

    static Tensor apply(Tensor x, Tensor mask) {
        if (!x.shape().equals(mask.shape())) {
            throw new IllegalArgumentException("dropout: mask " + mask.shape() + " does not match input " + x.shape());
        }
        float[] xd = x.data();
        float[] md = mask.data();
        float[] out = new float[xd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = xd[i] * md[i];
        }
        return Tensor.fromOp(out, x.shape(), "dropout", g -> {
            float[] gd = g.data();
            float[] dx = new float[gd.length];
            for (int i = 0; i < dx.length; i++) {
                dx[i] = gd[i] * md[i];
            }
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
    }
}
