package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/**
 * Merges axes {@code start..end} (inclusive; negative counts from the end) into one; by default
 * every axis after the batch axis: {@code [N, C, H, W] -> [N, C*H*W]}.
 */
public final class Flatten extends Module {
    private final int start;
    private final int end;

    /** Axes 1 to the last. */
    public Flatten() {
        this(1, -1);
    }

    /** Axes {@code start..end}. */
    public Flatten(int start, int end) {
        this.start = start;
        this.end = end;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.flatten(start, end);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Flatten", "start", start, "end", end);
    }
}
