package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Binary cross-entropy of probabilities: {@code input} in {@code [0, 1]} (e.g. sigmoid output) and
 * {@code target} of the same shape (any shape); per element
 * {@code -(y log p + (1-y) log(1-p))} with each log clamped at -100 as PyTorch does, so that
 * {@code p = 0} or {@code 1} gives a large finite loss rather than infinity. Prefer
 * {@link BCEWithLogitsLoss}, which is stable for saturated logits.
 */
public final class BCELoss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public BCELoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public BCELoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkSameShape("BCELoss", input, target);
        float[] p = input.data();
        float[] y = target.data();
        float[] losses = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("BCELoss: input " + p[i] + " at index " + i
                        + " is outside [0, 1]; apply sigmoid first, or use BCEWithLogitsLoss on the logits");
            }
            double logP = Math.max(Math.log(p[i]), -100);
            double log1mP = Math.max(Math.log1p(-p[i]), -100);
            losses[i] = (float) -(y[i] * logP + (1 - y[i]) * log1mP);
        }
        int n = p.length;
        return Tensor.fromOp(reduction.reduce(losses, n), reduction.shape(input.shape()), "bceLoss", g -> {
            float[] gd = g.data();
            float[] dx = new float[n];
            for (int i = 0; i < n; i++) {
                // PyTorch's guard: the denominator never falls below 1e-12
                double denom = Math.max((1 - (double) p[i]) * p[i], 1e-12);
                dx[i] = (float) (reduction.grad(gd, i, n) * (p[i] - y[i]) / denom);
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape()), null};
        }, input, target);
    }
}
