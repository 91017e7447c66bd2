package dev.saraf.optim.lr;

import dev.saraf.optim.Optimizer;
import dev.saraf.optim.StateDict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a monitored metric (a validation loss, an
 * accuracy) has stopped improving for more than {@code patience} epochs, as PyTorch's
 * {@code ReduceLROnPlateau}. A value improves on the best so far when, in mode MIN with relative
 * threshold, {@code value < best * (1 - threshold)} (absolute: {@code value < best - threshold});
 * in mode MAX, {@code value > best * (1 + threshold)} (absolute: {@code value > best + threshold}).
 * After a reduction, {@code cooldown} epochs pass before bad epochs count again. The rate never
 * goes below {@code minLr}, and a reduction smaller than 1e-8 is skipped.
 */
public final class ReduceLROnPlateau {
    /** Whether lower or higher metric values are better. */
    public enum Mode { MIN, MAX }

    /** Whether {@code threshold} is relative to the best value or absolute. */
    public enum ThresholdMode { REL, ABS }

    private static final double EPS = 1e-8;
    private static final String NAME = "ReduceLROnPlateau";

    /**
     * The hyperparameters, validated on construction.
     *
     * @param mode          MIN (a loss) or MAX (an accuracy)
     * @param factor        multiplier on a reduction, in {@code (0, 1)} (PyTorch's default 0.1)
     * @param patience      bad epochs tolerated before reducing, {@code >= 0} (10)
     * @param threshold     how much better counts as better, {@code >= 0} (1e-4)
     * @param thresholdMode REL or ABS (REL)
     * @param cooldown      epochs after a reduction during which bad epochs are not counted, {@code >= 0} (0)
     * @param minLr         the lowest rate, {@code >= 0} (0)
     */
    public record Options(Mode mode, float factor, int patience, double threshold, ThresholdMode thresholdMode,
            int cooldown, float minLr) {
        /** Validates every field. */
        public Options {
            if (mode == null || thresholdMode == null) {
                throw new IllegalArgumentException(NAME + ": mode and thresholdMode must not be null");
            }
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException(NAME + ": factor must be in (0, 1), got " + factor);
            }
            if (patience < 0 || cooldown < 0) {
                throw new IllegalArgumentException(NAME + ": patience and cooldown must be >= 0, got " + patience + " and " + cooldown);
            }
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException(NAME + ": threshold must be finite and >= 0, got " + threshold);
            }
            if (!(minLr >= 0) || !Float.isFinite(minLr)) {
                throw new IllegalArgumentException(NAME + ": minLr must be finite and >= 0, got " + minLr);
            }
        }

        /** PyTorch's defaults for the other fields. */
        public Options(Mode mode, float factor, int patience) {
            this(mode, factor, patience, 1e-4, ThresholdMode.REL, 0, 0f);
        }
    }

    private final Optimizer optimizer;
    private final Options options;
    private double best;
    private int badEpochs;
    private int cooldownLeft;
    private long epoch;

    /** Watches a metric for {@code optimizer}. */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        this.optimizer = optimizer;
        this.options = options;
        this.best = options.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Watches a loss (mode MIN) with PyTorch's defaults: factor 0.1, patience 10. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, new Options(Mode.MIN, 0.1f, 10));
    }

    /**
     * Records the epoch's metric and reduces the learning rate if it has plateaued. Returns true
     * when the rate was reduced. A NaN metric counts as no improvement.
     */
    public boolean step(double metric) {
        epoch++;
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > options.patience()) {
            cooldownLeft = options.cooldown();
            badEpochs = 0;
            float old = optimizer.lr();
            float reduced = Math.max(old * options.factor(), options.minLr());
            if (old - reduced > EPS) {
                optimizer.setLr(reduced);
                return true;
            }
        }
        return false;
    }

    private boolean isBetter(double value) {
        double t = options.threshold();
        boolean rel = options.thresholdMode() == ThresholdMode.REL;
        if (options.mode() == Mode.MIN) {
            return value < (rel ? best * (1 - t) : best - t);
        }
        return value > (rel ? best * (1 + t) : best + t);
    }

    /** The best metric seen so far (infinite before the first step). */
    public double best() {
        return best;
    }

    /** Consecutive epochs without improvement, since the last improvement or reduction. */
    public int badEpochs() {
        return badEpochs;
    }

    /** The hyperparameters. */
    public Options options() {
        return options;
    }

    /** The type, hyperparameters and counters, as exact strings. */
    public StateDict stateDict() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("type", NAME);
        v.putAll(hyperparameters());
        v.put("best", Double.toString(best));
        v.put("num_bad_epochs", Integer.toString(badEpochs));
        v.put("cooldown_counter", Integer.toString(cooldownLeft));
        v.put("last_epoch", Long.toString(epoch));
        return new StateDict(Map.of(), v);
    }

    /** Restores a {@link #stateDict()} saved with the same hyperparameters. */
    public void loadStateDict(StateDict state) {
        state.requireValue(NAME, "type", NAME);
        hyperparameters().forEach((k, v) -> state.requireValue(NAME, k, v));
        double b = state.doubleValue(NAME, "best");
        long bad = state.longValue(NAME, "num_bad_epochs");
        long cool = state.longValue(NAME, "cooldown_counter");
        long e = state.longValue(NAME, "last_epoch");
        if (bad < 0 || bad > Integer.MAX_VALUE || cool < 0 || cool > Integer.MAX_VALUE || e < 0) {
            throw new IllegalArgumentException(NAME + ".loadStateDict: counters must be >= 0, got num_bad_epochs=" + bad
                    + ", cooldown_counter=" + cool + ", last_epoch=" + e);
        }
        best = b;
        badEpochs = (int) bad;
        cooldownLeft = (int) cool;
        epoch = e;
    }

    private Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("mode", options.mode().name());
        h.put("factor", Float.toString(options.factor()));
        h.put("patience", Integer.toString(options.patience()));
        h.put("threshold", Double.toString(options.threshold()));
        h.put("threshold_mode", options.thresholdMode().name());
        h.put("cooldown", Integer.toString(options.cooldown()));
        h.put("min_lr", Float.toString(options.minLr()));
        return h;
    }
}
