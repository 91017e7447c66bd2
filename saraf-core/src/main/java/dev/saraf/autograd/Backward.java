package dev.saraf.autograd;

import dev.saraf.tensor.Tensor;

/**
 * The backward function of one op: given the gradient of the loss with respect to the op's output,
 * returns the gradient with respect to each input, in input order, each of the input's shape
 * ({@code null} where an input needs none). Runs with recording off.
 */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
