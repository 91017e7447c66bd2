package dev.saraf.optim.lr;

import dev.saraf.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linear warm-up followed by cosine annealing (Loshchilov and Hutter, "SGDR: Stochastic Gradient
 * Descent with Warm Restarts", ICLR 2017, without restarts; warm-up as in Goyal et al., "Accurate,
 * Large Minibatch SGD", 2017). With {@code w} warm-up epochs, {@code T} epochs in all, start
 * factor {@code s}, base rate {@code b} and floor {@code m}:
 *
 * <pre>
 *   e &lt; w:       lr = b * (s + (1 - s) * e / w)
 *   w &lt;= e &lt; T:  lr = m + (b - m) * (1 + cos(pi * (e - w) / (T - w))) / 2
 *   e &gt;= T:      lr = m
 * </pre>
 *
 * Without warm-up this is PyTorch's {@code CosineAnnealingLR} with {@code T_max = T} over its first
 * half-period; with it, PyTorch's {@code SequentialLR} of {@code LinearLR(start_factor=s,
 * total_iters=w)} and {@code CosineAnnealingLR(T_max=T-w, eta_min=m)}. The rate stays at the floor
 * after {@code T} instead of rising again.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final long warmupEpochs;
    private final float warmupStartFactor;
    private final long totalEpochs;
    private final float minLr;

    /**
     * @param warmupEpochs      epochs of linear warm-up, in {@code [0, totalEpochs]}
     * @param warmupStartFactor fraction of the base rate at epoch 0 of the warm-up, in {@code [0, 1]}
     * @param totalEpochs       epochs until the rate reaches {@code minLr}, {@code >= 1}
     * @param minLr             the floor, in {@code [0, base rate]}
     */
    public CosineAnnealingLR(Optimizer optimizer, long warmupEpochs, float warmupStartFactor, long totalEpochs, float minLr) {
        super("CosineAnnealingLR", optimizer);
        if (totalEpochs < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: totalEpochs must be >= 1, got " + totalEpochs);
        }
        if (warmupEpochs < 0 || warmupEpochs > totalEpochs) {
            throw new IllegalArgumentException("CosineAnnealingLR: warmupEpochs must be in [0, totalEpochs=" + totalEpochs
                    + "], got " + warmupEpochs);
        }
        if (!(warmupStartFactor >= 0 && warmupStartFactor <= 1)) {
            throw new IllegalArgumentException("CosineAnnealingLR: warmupStartFactor must be in [0, 1], got " + warmupStartFactor);
        }
        if (!(minLr >= 0 && minLr <= baseLr())) {
            throw new IllegalArgumentException("CosineAnnealingLR: minLr must be in [0, base lr=" + baseLr() + "], got " + minLr);
        }
        this.warmupEpochs = warmupEpochs;
        this.warmupStartFactor = warmupStartFactor;
        this.totalEpochs = totalEpochs;
        this.minLr = minLr;
        start();
    }

    /** Cosine annealing from the base rate to {@code minLr} over {@code totalEpochs}, no warm-up. */
    public CosineAnnealingLR(Optimizer optimizer, long totalEpochs, float minLr) {
        this(optimizer, 0, 1f, totalEpochs, minLr);
    }

    /** Warm-up from 0 over {@code warmupEpochs}, then cosine annealing to {@code minLr} by {@code totalEpochs}. */
    public CosineAnnealingLR(Optimizer optimizer, long warmupEpochs, long totalEpochs, float minLr) {
        this(optimizer, warmupEpochs, 0f, totalEpochs, minLr);
    }

    @Override
    public float lrAt(long epoch) {
        double base = baseLr();
        if (epoch < warmupEpochs) {
            return (float) (base * (warmupStartFactor + (1 - warmupStartFactor) * (double) epoch / warmupEpochs));
        }
        if (epoch >= totalEpochs) {
            return minLr;
        }
        double progress = (double) (epoch - warmupEpochs) / (totalEpochs - warmupEpochs);
        return (float) (minLr + (base - minLr) * (1 + Math.cos(Math.PI * progress)) / 2);
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("warmup_epochs", Long.toString(warmupEpochs));
        h.put("warmup_start_factor", Float.toString(warmupStartFactor));
        h.put("total_epochs", Long.toString(totalEpochs));
        h.put("min_lr", Float.toString(minLr));
        return h;
    }
}
