package dev.saraf.nn.functional;

import dev.saraf.kernels.BinaryKernels;
import dev.saraf.kernels.BinaryOp;
import dev.saraf.kernels.DropoutKernels;
import dev.saraf.tensor.ActivationPool;
import dev.saraf.tensor.Tensor;

/** Multiplication by a constant mask (dropout): the gradient is the upstream gradient times the same mask. */
final class MaskOp {
    private MaskOp() {}

    /** {@code x * mask} for a given mask of x's shape. */
    static Tensor apply(Tensor x, Tensor mask) {
        if (!x.shape().equals(mask.shape())) {
            throw new IllegalArgumentException("dropout: mask " + mask.shape() + " does not match input " + x.shape());
        }
        float[] xd = x.data();
        float[] out = ActivationPool.uninitialized(xd.length);
        BinaryKernels.apply(BinaryOp.MUL, xd, 0, mask.data(), 0, out, 0, out.length);
        return record(x, out, mask.data());
    }

    /**
     * Draws the mask from {@code seed} and applies it in the same pass. The mask is not kept: the
     * backward draws it again from the seed (the same values, as a function of the seed and the
     * element index), which spares an array the size of x and a pass over it each way.
     */
    static Tensor dropout(Tensor x, double p, float scale, long seed) {
        float[] xd = x.data();
        float[] out = ActivationPool.uninitialized(xd.length);
        DropoutKernels.apply(seed, p, scale, xd, 0, null, 0, out, 0, out.length);
        return Tensor.fromOp(out, x.shape(), "dropout", g -> {
            float[] dx = ActivationPool.uninitialized(g.numel());
            DropoutKernels.apply(seed, p, scale, g.data(), 0, null, 0, dx, 0, dx.length);
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
    }

    private static Tensor record(Tensor x, float[] out, float[] mask) {
        return Tensor.fromOp(out, x.shape(), "dropout", g -> {
            float[] gd = g.data();
            float[] dx = ActivationPool.uninitialized(gd.length);
            BinaryKernels.apply(BinaryOp.MUL, gd, 0, mask, 0, dx, 0, dx.length);
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
    }
}
