package dev.saraf.train;

import java.util.Objects;

/**
 * A value of the epoch records to watch ({@code "val_loss"}, {@code "val_accuracy"}, ...) and which
 * way is better: {@code value} improves on {@code best} when it is lower by more than
 * {@code minDelta} (mode MIN) or higher by more than {@code minDelta} (MAX). NaN never improves.
 *
 * @param key      the name in {@link EpochRecord#values()}
 * @param mode     MIN or MAX
 * @param minDelta the smallest change that counts, {@code >= 0}
 */
public record Monitor(String key, Mode mode, double minDelta) {
    /** Which direction is better. */
    public enum Mode { MIN, MAX }

    /** Validates. */
    public Monitor {
        Objects.requireNonNull(key, "Monitor: key");
        Objects.requireNonNull(mode, "Monitor: mode");
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("Monitor: minDelta must be >= 0, got " + minDelta);
        }
    }

    /** {@code key} with its natural direction: MAX for accuracies, F1 and R², MIN otherwise; no minimum change. */
    public static Monitor of(String key) {
        boolean max = key.contains("acc") || key.contains("f1") || key.contains("r2") || key.contains("precision")
                || key.contains("recall");
        return new Monitor(key, max ? Mode.MAX : Mode.MIN, 0);
    }

    /** The worst possible value (the starting "best"). */
    public double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** True when {@code value} is better than {@code best} by more than {@code minDelta}. */
    public boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        return mode == Mode.MIN ? value < best - minDelta : value > best + minDelta;
    }
}
