package dev.saraf.optim.lr;

import dev.saraf.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's
 * {@code StepLR}: {@code lr(e) = baseLr * gamma^floor(e / stepSize)}.
 */
public final class StepLR extends LRScheduler {
    private final long stepSize;
    private final float gamma;

    /**
     * @param optimizer the optimiser whose current rate is the base rate
     * @param stepSize  epochs between decays, {@code >= 1}
     * @param gamma     the factor, finite and {@code > 0}
     */
    public StepLR(Optimizer optimizer, long stepSize, float gamma) {
        super("StepLR", optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
        }
        if (!(gamma > 0) || !Float.isFinite(gamma)) {
            throw new IllegalArgumentException("StepLR: gamma must be finite and > 0, got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    @Override
    public float lrAt(long epoch) {
        return (float) (baseLr() * Math.pow(gamma, epoch / stepSize));
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("step_size", Long.toString(stepSize));
        h.put("gamma", Float.toString(gamma));
        return h;
    }
}
