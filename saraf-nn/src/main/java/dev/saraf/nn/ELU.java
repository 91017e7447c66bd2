package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** {@code x > 0 ? x : alpha * (e^x - 1)} (Clevert et al. 2015), elementwise, shape unchanged. */
public final class ELU extends Module {
    private final float alpha;

    /** With {@code alpha = 1f}, as PyTorch. */
    public ELU() {
        this(1f);
    }

    /** With the given {@code alpha}. */
    public ELU(float alpha) {
        this.alpha = alpha;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.elu(alpha);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("ELU", "alpha", alpha);
    }
}
