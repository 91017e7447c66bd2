package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Huber loss (Huber 1964): per element {@code 0.5 d^2} where {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}, with {@code d = x - y}: quadratic near zero, linear (robust to outliers) beyond; {@code input} and {@code target} of the same shape (any); a scalar, or that shape with
 * {@link Reduction#NONE}. Built from tensor ops, so the gradient reaches both arguments.
 */
public final class HuberLoss implements Loss {
    private final float delta;
    private final Reduction reduction;

    /** {@code delta = 1}, mean reduction. */
    public HuberLoss() {
        this(1f, Reduction.MEAN);
    }

    /** The given threshold ({@code > 0}) and reduction. */
    public HuberLoss(float delta, Reduction reduction) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("HuberLoss: delta must be > 0, got " + delta);
        }
        this.delta = delta;
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkSameShape("HuberLoss", input, target);
        Tensor d = input.sub(target);
        return reduction.apply(Tensor.where(d.abs().lt(Tensor.scalar(delta)), d.mul(d).mul(0.5f), d.abs().sub(0.5f * delta).mul(delta)));
    }
}
