package dev.saraf.nn;

import dev.saraf.tensor.Tensor;

/**
 * Called after a module's {@link Module#forward(Tensor)} with its input and output; used by
 * {@link Module#summary(int...)} to learn every layer's output shape, and by tools that watch
 * activations. A hook must not change the tensors it is given.
 */
@FunctionalInterface
public interface ForwardHook {
    /** Sees one completed forward of {@code module}. */
    void afterForward(Module module, Tensor input, Tensor output);
}
