package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Hyperbolic tangent. Elementwise, shape unchanged, no parameters. */
public final class Tanh extends Module {
    /** The activation. */
    public Tanh() {}

    @Override
    protected Tensor compute(Tensor x) {
        return x.tanh();
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Tanh");
    }
}
