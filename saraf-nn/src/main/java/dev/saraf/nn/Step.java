package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.tensor.Tensor;
import java.util.Map;

/**
 * The Heaviside step {@code x >= 0 ? 1 : 0} of Rosenblatt's perceptron; elementwise, shape
 * unchanged. Its derivative is zero wherever it exists (and undefined at 0), so back-propagation
 * through it yields zero gradients and nothing before it learns. The classic perceptron is
 * therefore trained with its own rule, {@code w += lr * (target - output) * x}, which uses the
 * error of the thresholded output directly; networks trained by gradient descent use a smooth
 * activation (sigmoid, tanh, ReLU) instead.
 */
public final class Step extends Module {
    /** No parameters. */
    public Step() {}

    @Override
    protected Tensor compute(Tensor x) {
        return F.step(x);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Step");
    }
}
