package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * A training objective: compares a model's output with the target and returns the loss, a scalar
 * under {@link Reduction#MEAN} and {@link Reduction#SUM} whose {@code backward()} trains the model.
 * Each loss documents the shapes it takes.
 */
@FunctionalInterface
public interface Loss {
    /** The loss of {@code input} (the model's output) against {@code target}. */
    Tensor forward(Tensor input, Tensor target);
}
