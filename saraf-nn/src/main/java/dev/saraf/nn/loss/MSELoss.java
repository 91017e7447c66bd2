package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Mean squared error: per element {@code (x - y)^2}; {@code input} and {@code target} of the same shape (any); a scalar, or that shape with
 * {@link Reduction#NONE}. Built from tensor ops, so the gradient reaches both arguments.
 */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public MSELoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkSameShape("MSELoss", input, target);
        Tensor d = input.sub(target);
        return reduction.apply(d.mul(d));
    }
}
