package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Logistic sigmoid {@code 1 / (1 + e^-x)}. Elementwise, shape unchanged, no parameters. */
public final class Sigmoid extends Module {
    /** The activation. */
    public Sigmoid() {}

    @Override
    protected Tensor compute(Tensor x) {
        return x.sigmoid();
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Sigmoid");
    }
}
