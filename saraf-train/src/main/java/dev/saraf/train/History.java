package dev.saraf.train;

import dev.saraf.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The record of a training run: one {@link EpochRecord} per completed epoch, and why training
 * stopped early, if it did. Two histories are {@link #equals equal} when their epochs are (timings
 * aside, doubles bit for bit) and they stopped for the same reason, which is how a test shows that
 * the same seed and thread count reproduce a run. Exports to CSV (one row per epoch, numbers in
 * Java's shortest round-trip form) and JSON.
 */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();
    private String stopReason;

    /** An empty history. */
    public History() {}

    /** A copy of {@code other}. */
    public History(History other) {
        epochs.addAll(other.epochs);
        stopReason = other.stopReason;
    }

    /** Appends the record of the next epoch, which must be numbered one more than the last. */
    public void add(EpochRecord record) {
        if (record.epoch() != epochs.size() + 1) {
            throw new IllegalArgumentException("History: expected epoch " + (epochs.size() + 1) + ", got " + record.epoch());
        }
        epochs.add(record);
    }

    /** The epochs, in order (read-only view). */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Number of completed epochs. */
    public int size() {
        return epochs.size();
    }

    /** The last epoch's record; fails when empty. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History: no epoch has completed");
        }
        return epochs.getLast();
    }

    /** The values named {@code key} (e.g. {@code "val_loss"}), one per epoch. */
    public double[] series(String key) {
        double[] out = new double[epochs.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = epochs.get(i).values().get(key);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    /** True when some epoch has a value named {@code key}. */
    public boolean has(String key) {
        for (EpochRecord r : epochs) {
            if (r.values().containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Why training stopped before its last epoch, or {@code null} when it ran to the end. */
    public String stopReason() {
        return stopReason;
    }

    /** Records why training stopped early ({@code null} clears it). */
    public void setStopReason(String reason) {
        stopReason = reason;
    }

    /** The column names over all epochs, in first-seen order. */
    public List<String> columns() {
        Set<String> cols = new LinkedHashSet<>();
        for (EpochRecord r : epochs) {
            cols.addAll(r.values().keySet());
        }
        return new ArrayList<>(cols);
    }

    /** CSV text: a header row, then one row per epoch; a value an epoch lacks is empty. */
    public String toCsv() {
        List<String> cols = columns();
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (EpochRecord r : epochs) {
            Map<String, Double> v = r.values();
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Double x = v.get(cols.get(i));
                if (x != null) {
                    sb.append(cols.get(i).equals("epoch") ? Long.toString(x.longValue()) : Double.toString(x));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * JSON text: {@code {"epochs": [{"epoch": 1, "loss": ..., "metrics": {...}, "val_loss": ...,
     * "val_metrics": {...}, "lr": ..., "seconds": ..., "samples_per_second": ...}, ...],
     * "stop_reason": ...}}; NaN is written as {@code null}. {@link #fromJson} reads it back exactly.
     */
    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (EpochRecord r : epochs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("loss", num(r.loss()));
            m.put("metrics", nums(r.metrics()));
            m.put("val_loss", num(r.valLoss()));
            m.put("val_metrics", nums(r.valMetrics()));
            m.put("lr", num(r.lr()));
            m.put("seconds", num(r.seconds()));
            m.put("samples_per_second", num(r.samplesPerSecond()));
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epochs", list);
        root.put("stop_reason", stopReason);
        return Json.writePretty(root);
    }

    /** Reads {@link #toJson()} text back. */
    @SuppressWarnings("unchecked")
    public static History fromJson(String text) {
        Map<String, Object> root = Json.parseObject(text);
        History h = new History();
        for (Object o : (List<Object>) root.get("epochs")) {
            Map<String, Object> m = (Map<String, Object>) o;
            h.add(new EpochRecord(((Number) m.get("epoch")).intValue(), dbl(m.get("loss")),
                    dbls((Map<String, Object>) m.get("metrics")), dbl(m.get("val_loss")),
                    dbls((Map<String, Object>) m.get("val_metrics")), dbl(m.get("lr")), dbl(m.get("seconds")),
                    dbl(m.get("samples_per_second"))));
        }
        h.stopReason = (String) root.get("stop_reason");
        return h;
    }

    /** Writes {@link #toCsv()} to {@code file} atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    private static Map<String, Object> nums(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, num(v)));
        return out;
    }

    private static double dbl(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static Map<String, Double> dbls(Map<String, Object> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, dbl(v)));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && epochs.equals(h.epochs) && Objects.equals(stopReason, h.stopReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochs, stopReason);
    }

    @Override
    public String toString() {
        return toCsv();
    }
}
