package dev.saraf.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one epoch of training produced.
 *
 * @param epoch            the epoch number, from 1
 * @param loss             mean training loss over the epoch's examples (each batch's loss weighted by its size)
 * @param metrics          training metrics by name ({@code accuracy}; or {@code mse}, {@code mae}, {@code r2})
 * @param valLoss          mean validation loss after the epoch, NaN without validation data
 * @param valMetrics       validation metrics by the same names, empty without validation data
 * @param lr               the learning rate the epoch trained with
 * @param seconds          wall time of the epoch's training and validation
 * @param samplesPerSecond training examples per second
 *
 * <p>{@link #equals} compares everything but the two timings, and doubles bit for bit, so two
 * runs with the same seed and thread count compare equal.
 */
public record EpochRecord(int epoch, double loss, Map<String, Double> metrics, double valLoss, Map<String, Double> valMetrics,
        double lr, double seconds, double samplesPerSecond) {

    /** Copies the maps (order kept, read-only). */
    public EpochRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        valMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(valMetrics));
    }

    /** True when the epoch has validation results. */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss) || !valMetrics.isEmpty();
    }

    /**
     * Every value by its column name: {@code epoch}, {@code loss}, the training metrics,
     * {@code val_loss} and {@code val_<metric>} (when validated), {@code lr}, {@code seconds},
     * {@code samples_per_second}.
     */
    public Map<String, Double> values() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("epoch", (double) epoch);
        v.put("loss", loss);
        v.putAll(metrics);
        if (hasValidation()) {
            v.put("val_loss", valLoss);
            valMetrics.forEach((k, x) -> v.put("val_" + k, x));
        }
        v.put("lr", lr);
        v.put("seconds", seconds);
        v.put("samples_per_second", samplesPerSecond);
        return v;
    }

    /** The value named {@code key} (see {@link #values()}); an error lists the names there are. */
    public double get(String key) {
        Double v = values().get(key);
        if (v == null) {
            throw new IllegalArgumentException("epoch " + epoch + " has no value \"" + key + "\"; it has " + values().keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochRecord r && epoch == r.epoch && Double.compare(loss, r.loss) == 0 && metrics.equals(r.metrics)
                && Double.compare(valLoss, r.valLoss) == 0 && valMetrics.equals(r.valMetrics) && Double.compare(lr, r.lr) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, loss, metrics, valLoss, valMetrics, lr);
    }
}
