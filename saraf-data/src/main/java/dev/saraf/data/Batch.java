package dev.saraf.data;

import dev.saraf.tensor.Tensor;

/**
 * One mini-batch.
 *
 * @param inputs  {@code [B, ...inputShape]}
 * @param targets {@code [B]} of class indices (as floats) for classification, or
 *                {@code [B, ...targetShape]} for regression
 */
public record Batch(Tensor inputs, Tensor targets) {
    /** Number of examples in the batch (the leading dimension). */
    public int size() {
        return inputs.shape().dim(0);
    }
}
