package dev.saraf.optim;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The saved state of an optimiser or a learning-rate schedule: tensors (moment buffers and the
 * like, e.g. {@code state.0.exp_avg}) and exact scalar values as strings (step counts,
 * hyperparameters, {@code lr}). Strings keep a {@code long} step count and every float exactly, and
 * map directly onto a safetensors file: tensors as tensors, values into {@code __metadata__}.
 *
 * @param tensors name to tensor, in insertion order
 * @param values  name to value, in insertion order
 */
public record StateDict(Map<String, Tensor> tensors, Map<String, String> values) {
    /** Unmodifiable copies of the maps. */
    public StateDict {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every key prefixed with {@code prefix} (e.g. {@code "optim."} inside a checkpoint). */
    public StateDict withPrefix(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> t.put(prefix + k, v));
        Map<String, String> v = new LinkedHashMap<>();
        values.forEach((k, s) -> v.put(prefix + k, s));
        return new StateDict(t, v);
    }

    /** The entries whose keys start with {@code prefix}, with the prefix removed; others are dropped. */
    public StateDict select(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                t.put(k.substring(prefix.length()), v);
            }
        });
        Map<String, String> v = new LinkedHashMap<>();
        values.forEach((k, s) -> {
            if (k.startsWith(prefix)) {
                v.put(k.substring(prefix.length()), s);
            }
        });
        return new StateDict(t, v);
    }

    /** The tensor {@code key}, which must exist with {@code shape}; errors start with {@code owner} (e.g. {@code "Adam"}). */
    public Tensor tensor(String owner, String key, Shape shape) {
        Tensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(owner + ".loadStateDict: missing tensor \"" + key + "\"");
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(owner + ".loadStateDict: tensor \"" + key + "\" has shape " + t.shape()
                    + ", the parameter has shape " + shape);
        }
        return t;
    }

    /** The value {@code key}, which must exist; errors start with {@code owner}. */
    public String value(String owner, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(owner + ".loadStateDict: missing value \"" + key + "\"");
        }
        return v;
    }

    /** The value {@code key} as a long. */
    public long longValue(String owner, String key) {
        String v = value(owner, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + ".loadStateDict: value \"" + key + "\" must be an integer, got \"" + v + "\"");
        }
    }

    /** The value {@code key} as a double (floats round-trip exactly through their string form). */
    public double doubleValue(String owner, String key) {
        String v = value(owner, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + ".loadStateDict: value \"" + key + "\" must be a number, got \"" + v + "\"");
        }
    }

    /**
     * Throws unless the value {@code key} equals {@code expected}: state saved under other
     * hyperparameters would not continue the same run.
     */
    public void requireValue(String owner, String key, String expected) {
        String saved = value(owner, key);
        if (!saved.equals(expected)) {
            throw new IllegalArgumentException(owner + ".loadStateDict: the state was saved with " + key + "=" + saved
                    + ", this one has " + key + "=" + expected + " (construct it with the saved options)");
        }
    }
}
