package dev.saraf.nn.loss;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;

/** How a loss turns per-element (or per-sample) losses into its result. */
public enum Reduction {
    /** The mean (weighted mean for losses with class weights): a scalar. */
    MEAN,
    /** The sum: a scalar. */
    SUM,
    /** No reduction: one loss per element (or per sample), shaped like them. */
    NONE;

    /** Applies this reduction to a tensor of per-element losses, with the tensor ops. */
    Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }

    /** The result of reducing {@code losses} (of {@code shape}) with divisor {@code denominator} for MEAN. */
    float[] reduce(float[] losses, double denominator) {
        if (this == NONE) {
            return losses;
        }
        double s = 0;
        for (float l : losses) {
            s += l;
        }
        return new float[] {(float) (this == MEAN ? s / denominator : s)};
    }

    /** The output shape for per-element losses of {@code shape}. */
    Shape shape(Shape perElement) {
        return this == NONE ? perElement : Shape.scalar();
    }

    /** The incoming gradient for element {@code i}, already divided by the MEAN denominator. */
    float grad(float[] gradOut, int i, double denominator) {
        return switch (this) {
            case MEAN -> (float) (gradOut[0] / denominator);
            case SUM -> gradOut[0];
            case NONE -> gradOut[i];
        };
    }
}
