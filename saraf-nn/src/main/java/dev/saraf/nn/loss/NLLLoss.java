package dev.saraf.nn.loss;

import dev.saraf.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities: {@code input [N, C]} (e.g. {@code logSoftmax}
 * output), {@code target [N]} (class indices as whole floats in {@code [0, C)}); per sample
 * {@code -w[y] input[y]}. {@link Reduction#MEAN} divides by {@code sum_i w[y_i]} (N without
 * weights), as PyTorch does. {@code NLLLoss(logSoftmax(x))} is cross-entropy.
 */
public final class NLLLoss implements Loss {
    private final Tensor weight;
    private final Reduction reduction;

    /** Mean reduction, no class weights. */
    public NLLLoss() {
        this(null, Reduction.MEAN);
    }

    /** Class weights {@code [C]} (or {@code null}) and a reduction. */
    public NLLLoss(Tensor weight, Reduction reduction) {
        this.weight = weight == null ? null : weight.detach();
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        int[] y = ClassTargets.check("NLLLoss", input, target, weight);
        int c = input.size(1);
        float[] x = input.data();
        float[] w = weight == null ? null : weight.data();
        float[] losses = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            losses[i] = -(w == null ? 1f : w[y[i]]) * x[i * c + y[i]];
        }
        double denominator = CrossEntropyLoss.denominator(y, w);
        return Tensor.fromOp(reduction.reduce(losses, denominator), reduction.shape(target.shape()), "nllLoss", g -> {
            float[] gd = g.data();
            float[] dx = new float[x.length];
            for (int i = 0; i < y.length; i++) {
                dx[i * c + y[i]] = -(w == null ? 1f : w[y[i]]) * reduction.grad(gd, i, denominator);
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape()), null};
        }, input, target);
    }
}
