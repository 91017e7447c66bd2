package dev.saraf.io;

import dev.saraf.nn.Module;
import dev.saraf.optim.Optimizer;
import dev.saraf.optim.StateDict;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ModelFile#load} or {@link ModelFile#loadInto} read from a model file: the model with
 * its weights, the architecture it was built from, the provenance, the caller's extra metadata
 * entries, and the optimiser state when the file was saved for resuming.
 *
 * @param file           the file read
 * @param model          the model, weights loaded (from {@code load}: freshly built, in eval mode)
 * @param architecture   the architecture as parsed JSON (see {@link dev.saraf.nn.Architecture}),
 *                       or null when the file has none (a custom module saved with its weights only)
 * @param provenance     where the model came from
 * @param extra          the extra metadata entries, in file order (read-only)
 * @param optimizerState the optimiser state without its {@code optim.} prefix, or null when none was saved
 */
public record LoadedModel(Path file, Module model, Map<String, Object> architecture, Provenance provenance,
        Map<String, String> extra, StateDict optimizerState) {

    /** Checks the required fields and makes the maps read-only (the architecture at its top level). */
    public LoadedModel {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provenance, "provenance");
        architecture = architecture == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(architecture));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** True when the file was saved with an optimiser's state, so that training can resume. */
    public boolean hasOptimizerState() {
        return optimizerState != null;
    }

    /**
     * Restores the saved optimiser state into {@code optimizer}, which must be of the saved kind
     * and options and built over this model's parameters (e.g.
     * {@code new Adam(loaded.model().parameters(), options)}); continuing then gives the same
     * updates, bit for bit, as the run that saved it. On any mismatch nothing is changed.
     *
     * @throws IllegalStateException    when the file holds no optimiser state
     * @throws IllegalArgumentException when the state does not fit {@code optimizer}, naming the entry
     */
    public void restoreOptimizer(Optimizer optimizer) {
        if (optimizerState == null) {
            throw new IllegalStateException(file + ": holds no optimiser state (it was saved without an optimiser)");
        }
        try {
            optimizer.loadStateDict(optimizerState);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": optimiser state: " + e.getMessage(), e);
        }
    }
}
