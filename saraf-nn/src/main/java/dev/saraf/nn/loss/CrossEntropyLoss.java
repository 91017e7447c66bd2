package dev.saraf.nn.loss;

import dev.saraf.kernels.Parallel;
import dev.saraf.tensor.Tensor;

/**
 * Cross-entropy from logits: {@code input [N, C]} (raw scores), {@code target [N]} (class indices
 * as whole floats in {@code [0, C)}); the result is a scalar, or {@code [N]} with
 * {@link Reduction#NONE}.
 *
 * <p>Per sample, with {@code p = softmax(x)}, optional class weights {@code w} and label smoothing
 * {@code e}: {@code loss = (1-e) w[y] (-log p[y]) + (e/C) sum_c w[c] (-log p[c])}, as PyTorch
 * defines it; {@link Reduction#MEAN} divides the sum by {@code sum_i w[y_i]} (N without weights).
 *
 * <p>Fused: the forward computes a stable log-sum-exp per row and keeps the softmax, and the
 * backward is {@code (1-e) w[y] (p - onehot(y)) + (e/C) (W p - w)} with {@code W = sum_c w[c]}
 * (for plain cross-entropy, {@code (p - onehot)/N}), one pass with no intermediate tensors. It
 * matches {@code NLLLoss(logSoftmax(x))}, which a test checks.
 */
public final class CrossEntropyLoss implements Loss {
    private final Tensor weight;
    private final double smoothing;
    private final Reduction reduction;

    /** Mean reduction, no class weights, no label smoothing. */
    public CrossEntropyLoss() {
        this(null, 0, Reduction.MEAN);
    }

    /** No class weights, no label smoothing. */
    public CrossEntropyLoss(Reduction reduction) {
        this(null, 0, reduction);
    }

    /**
     * Every option.
     *
     * @param weight    class weights {@code [C]}, or {@code null}
     * @param smoothing label smoothing in {@code [0, 1]}
     */
    public CrossEntropyLoss(Tensor weight, double smoothing, Reduction reduction) {
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got " + smoothing);
        }
        this.weight = weight == null ? null : weight.detach();
        this.smoothing = smoothing;
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        int[] y = ClassTargets.check("CrossEntropyLoss", input, target, weight);
        int n = input.size(0);
        int c = input.size(1);
        float[] x = input.data();
        float[] w = weight == null ? null : weight.data();
        float[] p = new float[x.length];
        float[] losses = new float[n];
        double e = smoothing;
        Parallel.forRange(n, Math.max(1, 4096 / Math.max(1, c)), (from, to) -> {
            for (int i = from; i < to; i++) {
                int base = i * c;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, x[base + j]);
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    float ex = (float) Math.exp(x[base + j] - max);
                    p[base + j] = ex;
                    sum += ex;
                }
                double logSum = Math.log(sum) + max;
                float inv = (float) (1.0 / sum);
                double smooth = 0;
                for (int j = 0; j < c; j++) {
                    p[base + j] *= inv;
                    if (e != 0) {
                        smooth += (w == null ? 1 : w[j]) * (logSum - x[base + j]);
                    }
                }
                double wy = w == null ? 1 : w[y[i]];
                losses[i] = (float) ((1 - e) * wy * (logSum - x[base + y[i]]) + e / c * smooth);
            }
        });
        double denominator = denominator(y, w);
        float[] out = reduction.reduce(losses, denominator);
        return Tensor.fromOp(out, reduction.shape(target.shape()), "crossEntropy", g -> {
            float[] gd = g.data();
            float[] dx = new float[x.length];
            double wSum = 0;
            for (int j = 0; j < c; j++) {
                wSum += w == null ? 1 : w[j];
            }
            double allW = wSum;
            Parallel.forRange(n, Math.max(1, 4096 / Math.max(1, c)), (from, to) -> {
                for (int i = from; i < to; i++) {
                    int base = i * c;
                    float gi = reduction.grad(gd, i, denominator);
                    float hard = (float) ((1 - e) * (w == null ? 1 : w[y[i]]));
                    float soft = (float) (e / c);
                    for (int j = 0; j < c; j++) {
                        float pj = p[base + j];
                        float wj = w == null ? 1f : w[j];
                        float d = hard * pj + soft * (float) (allW * pj - wj);
                        if (j == y[i]) {
                            d -= hard;
                        }
                        dx[base + j] = gi * d;
                    }
                }
            });
            return new Tensor[] {Tensor.wrap(dx, input.shape()), null};
        }, input, target);
    }

    /** The MEAN divisor: the summed weights of the samples' classes (N without weights). */
    static double denominator(int[] y, float[] w) {
        if (w == null) {
            return y.length;
        }
        double s = 0;
        for (int t : y) {
            s += w[t];
        }
        return s;
    }
}
