package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Mean absolute error: per element {@code |x - y|}; {@code input} and {@code target} of the same shape (any); a scalar, or that shape with
 * {@link Reduction#NONE}. Built from tensor ops, so the gradient reaches both arguments.
 */
public final class L1Loss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public L1Loss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkSameShape("L1Loss", input, target);
        Tensor d = input.sub(target);
        return reduction.apply(d.abs());
    }
}
