package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Returns its input: a placeholder, e.g. to switch a layer off. Elementwise, shape unchanged, no parameters. */
public final class Identity extends Module {
    /** The activation. */
    public Identity() {}

    @Override
    protected Tensor compute(Tensor x) {
        return x;
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Identity");
    }
}
