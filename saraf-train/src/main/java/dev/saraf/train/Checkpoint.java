package dev.saraf.train;

import dev.saraf.io.LoadedModel;
import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.optim.StateDict;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resumable snapshot of training, as a {@link ModelFile} saved with the optimiser's state: the
 * weights, architecture and provenance (seed, and the last epoch's values as metrics) that any
 * model-file reader understands ({@code ModelFile.load} rebuilds the model for inference), plus in
 * the extra metadata the number of completed epochs ({@code checkpoint.epoch}), the history as JSON
 * ({@code checkpoint.history}) and the learning-rate schedule's values ({@code scheduler.*} or {@code plateau.*}).
 * Data order needs no state of its own: the loader's order and the {@link EpochRandom} are
 * functions of their seeds and the epoch number.
 */
public final class Checkpoint {
    /** Extra-metadata key holding the number of completed epochs. */
    public static final String EPOCH = "checkpoint.epoch";
    /** Extra-metadata key holding the history as JSON. */
    public static final String HISTORY = "checkpoint.history";
    private static final String SCHED = "scheduler.";
    private static final String PLATEAU = "plateau.";

    private Checkpoint() {}

    /**
     * Writes the state of {@code trainer} after the epochs of {@code history} to {@code file},
     * atomically. {@code base} (may be null: {@link Provenance#now()}) gets the trainer's seed and
     * the last epoch's values as metrics; {@code extra} (may be empty) is kept in the file as is,
     * e.g. class names or preprocessing.
     */
    public static void save(Path file, Trainer trainer, History history, Provenance base, Map<String, String> extra)
            throws IOException {
        Provenance p = (base == null ? Provenance.now() : base).withSeed(trainer.options().seed());
        if (history.size() > 0) {
            Map<String, Double> metrics = new LinkedHashMap<>(history.last().values());
            metrics.remove("seconds");
            metrics.remove("samples_per_second");
            p = p.withMetrics(metrics);
        }
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(EPOCH, Integer.toString(history.size()));
        meta.put(HISTORY, history.toJson());
        if (trainer.options().scheduler() != null) {
            meta.putAll(trainer.options().scheduler().stateDict().withPrefix(SCHED).values());
        }
        if (trainer.options().plateau() != null) {
            meta.putAll(trainer.options().plateau().schedule().stateDict().withPrefix(PLATEAU).values());
        }
        ModelFile.save(file, trainer.model(), p, meta, trainer.optimizer());
    }

    /**
     * Loads a checkpoint into {@code trainer}'s model, optimiser and schedule and returns its
     * history. The seed must match; if anything does not fit, nothing is changed.
     */
    static History load(Path file, Trainer trainer) throws IOException {
        List<Tensor> state = new ArrayList<>(trainer.model().stateDict().values());
        List<float[]> before = new ArrayList<>();
        for (Tensor t : state) {
            before.add(t.data().clone());
        }
        StateDict optimBefore = trainer.optimizer().stateDict();
        LoadedModel loaded = ModelFile.loadInto(file, trainer.model()); // checks everything before loading weights
        try {
            Map<String, String> extra = loaded.extra();
            if (!extra.containsKey(EPOCH) || !extra.containsKey(HISTORY) || !loaded.hasOptimizerState()) {
                throw new IllegalArgumentException("resume: " + file + " is a model file, not a training checkpoint (it lacks "
                        + (loaded.hasOptimizerState() ? EPOCH + "/" + HISTORY : "the optimiser state")
                        + "; write checkpoints with ModelCheckpoint)");
            }
            Long seed = loaded.provenance().seed();
            if (seed == null || seed != trainer.options().seed()) {
                throw new IllegalArgumentException("resume: " + file + " was written by a run with seed " + seed
                        + ", this trainer has seed " + trainer.options().seed());
            }
            History history = History.fromJson(extra.get(HISTORY));
            if (history.size() != Integer.parseInt(extra.get(EPOCH))) {
                throw new IllegalArgumentException("resume: " + file + ": " + EPOCH + " is " + extra.get(EPOCH)
                        + " but the history has " + history.size() + " epochs");
            }
            loaded.restoreOptimizer(trainer.optimizer());
            if (trainer.options().scheduler() != null) {
                trainer.options().scheduler().loadStateDict(new StateDict(Map.of(), extra).select(SCHED));
            }
            if (trainer.options().plateau() != null) {
                trainer.options().plateau().schedule().loadStateDict(new StateDict(Map.of(), extra).select(PLATEAU));
            }
            return history;
        } catch (RuntimeException e) {
            for (int i = 0; i < state.size(); i++) {
                System.arraycopy(before.get(i), 0, state.get(i).data(), 0, before.get(i).length);
            }
            trainer.optimizer().loadStateDict(optimBefore);
            throw e;
        }
    }
}
