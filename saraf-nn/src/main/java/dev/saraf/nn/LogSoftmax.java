package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** Log of the softmax along {@code dim} (default the last), computed stably; shape unchanged. */
public final class LogSoftmax extends Module {
    private final int dim;

    /** With {@code dim = -1}, as PyTorch. */
    public LogSoftmax() {
        this(-1);
    }

    /** With the given {@code dim}. */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.logSoftmax(dim);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("LogSoftmax", "dim", dim);
    }
}
