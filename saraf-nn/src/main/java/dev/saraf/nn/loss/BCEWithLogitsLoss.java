package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Binary cross-entropy from logits: {@code input} (raw scores, any shape) and {@code target} (in
 * {@code [0, 1]}, same shape). Computed as {@code max(x, 0) - x y + log(1 + e^-|x|)}, which never
 * overflows, with the exact gradient {@code sigmoid(x) - y}.
 */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    /** Mean reduction. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** The given reduction. */
    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        ClassTargets.checkSameShape("BCEWithLogitsLoss", input, target);
        float[] x = input.data();
        float[] y = target.data();
        int n = x.length;
        float[] losses = new float[n];
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            losses[i] = (float) (Math.max(xi, 0) - xi * y[i] + Math.log1p(Math.exp(-Math.abs(xi))));
        }
        return Tensor.fromOp(reduction.reduce(losses, n), reduction.shape(input.shape()), "bceWithLogits", g -> {
            float[] gd = g.data();
            float[] dx = new float[n];
            for (int i = 0; i < n; i++) {
                double s = 1 / (1 + Math.exp(-(double) x[i]));
                dx[i] = (float) (reduction.grad(gd, i, n) * (s - y[i]));
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape()), null};
        }, input, target);
    }
}
