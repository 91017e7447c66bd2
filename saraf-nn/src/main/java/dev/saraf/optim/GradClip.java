package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.List;

/**
 * Gradient clipping, applied between {@code backward()} and {@code step()}, as PyTorch's
 * {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. Clipping by norm rescales
 * all gradients together (Pascanu, Mikolov and Bengio, "On the difficulty of training recurrent
 * neural networks", ICML 2013). Parameters without a gradient are ignored.
 */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales every gradient by {@code maxNorm / (total + 1e-6)} when that is below 1, where
     * {@code total} is the {@code normType}-norm of all gradients taken as one vector
     * ({@code Double.POSITIVE_INFINITY}: the largest magnitude). Returns {@code total}, before
     * clipping; it is computed in double, in parameter order, so it is deterministic.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0) || Double.isNaN(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 (or infinity), got " + normType);
        }
        double total = 0;
        boolean inf = normType == Double.POSITIVE_INFINITY;
        for (Tensor p : params) {
            if (p.grad() == null) {
                continue;
            }
            for (float g : p.grad().data()) {
                double a = Math.abs(g);
                if (inf) {
                    total = Math.max(total, a);
                } else if (normType == 2) {
                    total += a * a;
                } else if (normType == 1) {
                    total += a;
                } else {
                    total += Math.pow(a, normType);
                }
            }
        }
        if (!inf) {
            total = normType == 2 ? Math.sqrt(total) : normType == 1 ? total : Math.pow(total, 1 / normType);
        }
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Tensor p : params) {
                if (p.grad() != null) {
                    float[] g = p.grad().data();
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= c;
                    }
                }
            }
        }
        return total;
    }

    /** {@link #clipGradNorm(List, double, double)} with the Euclidean norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /** Limits every gradient element to {@code [-clipValue, clipValue]}. */
    public static void clipGradValue(List<Tensor> params, float clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be >= 0, got " + clipValue);
        }
        for (Tensor p : params) {
            if (p.grad() != null) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
                }
            }
        }
    }
}
