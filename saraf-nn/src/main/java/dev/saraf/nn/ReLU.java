package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** {@code max(0, x)}. Elementwise, shape unchanged, no parameters. */
public final class ReLU extends Module {
    /** The activation. */
    public ReLU() {}

    @Override
    protected Tensor compute(Tensor x) {
        return x.relu();
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("ReLU");
    }
}
