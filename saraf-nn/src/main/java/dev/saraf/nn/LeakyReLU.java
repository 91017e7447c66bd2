package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** {@code x > 0 ? x : slope * x}, elementwise, shape unchanged. */
public final class LeakyReLU extends Module {
    private final float slope;

    /** With {@code slope = 0.01f}, as PyTorch. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** With the given {@code slope}. */
    public LeakyReLU(float slope) {
        this.slope = slope;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("LeakyReLU", "slope", slope);
    }
}
