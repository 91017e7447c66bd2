package dev.saraf.optim.lr;

import dev.saraf.optim.Optimizer;
import java.util.Map;

/** Decays the learning rate by {@code gamma} every epoch, as PyTorch's {@code ExponentialLR}: {@code lr(e) = baseLr * gamma^e}. */
public final class ExponentialLR extends LRScheduler {
    private final float gamma;

    /**
     * @param optimizer the optimiser whose current rate is the base rate
     * @param gamma     the factor per epoch, finite and {@code > 0}
     */
    public ExponentialLR(Optimizer optimizer, float gamma) {
        super("ExponentialLR", optimizer);
        if (!(gamma > 0) || !Float.isFinite(gamma)) {
            throw new IllegalArgumentException("ExponentialLR: gamma must be finite and > 0, got " + gamma);
        }
        this.gamma = gamma;
        start();
    }

    @Override
    public float lrAt(long epoch) {
        return (float) (baseLr() * Math.pow(gamma, epoch));
    }

    @Override
    protected Map<String, String> hyperparameters() {
        return Map.of("gamma", Float.toString(gamma));
    }
}
