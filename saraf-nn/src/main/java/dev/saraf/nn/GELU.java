package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Gaussian error linear unit {@code x * Phi(x)} (Hendrycks and Gimpel 2016), exact erf form. Elementwise, shape unchanged, no parameters. */
public final class GELU extends Module {
    /** The activation. */
    public GELU() {}

    @Override
    protected Tensor compute(Tensor x) {
        return x.gelu();
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("GELU");
    }
}
