package dev.saraf.nn.functional;

import dev.saraf.tensor.Tensor;

/**
 * The Heaviside step {@code x >= 0 ? 1 : 0}. Its derivative is zero everywhere it exists, so the
 * op records a zero gradient: nothing learns through it by back-propagation, which is why the
 * classic perceptron is trained with Rosenblatt's rule instead.
 */
final class StepOp {
    private StepOp() {}

    static Tensor apply(Tensor x) {
        float[] xd = x.data();
        float[] out = new float[xd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = xd[i] >= 0f ? 1f : 0f;
        }
        return Tensor.fromOp(out, x.shape(), "step", g -> new Tensor[] {Tensor.zeros(x.shape())}, x);
    }
}
