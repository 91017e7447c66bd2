package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Softmax along {@code dim} (default the last): non-negative values summing to 1 along it; shape unchanged. */
public final class Softmax extends Module {
    private final int dim;

    /** With {@code dim = -1}, as PyTorch. */
    public Softmax() {
        this(-1);
    }

    /** With the given {@code dim}. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.softmax(dim);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Softmax", "dim", dim);
    }
}
