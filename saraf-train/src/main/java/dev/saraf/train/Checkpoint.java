package dev.saraf.train;

import dev.saraf.io.SafeTensors;
import dev.saraf.nn.Module;
import dev.saraf.optim.StateDict;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resumable snapshot of training, as one safetensors file: the model's state dict under its own
 * names (so the file also loads as plain weights, {@link #loadWeights}), the optimiser's buffers
 * under {@code optimizer.}, and in the metadata the optimiser's and schedule's values
 * ({@code optimizer.*}, {@code scheduler.*}), the number of completed epochs, the seed and the
 * history as JSON. Data order needs no state of its own: the loader's order and the
 * {@link EpochRandom} are functions of their seeds and the epoch number.
 */
public final class Checkpoint {
    /** The metadata value of {@code saraf.format} in a checkpoint. */
    public static final String FORMAT = "saraf-checkpoint/1";
    private static final String OPTIM = "optimizer.";
    private static final String SCHED = "scheduler.";

    private Checkpoint() {}

    /** Writes the state of {@code trainer} after its completed epochs to {@code file}, atomically. */
    public static void save(Path file, Trainer trainer, History history) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : trainer.model().stateDict().entrySet()) {
            if (e.getKey().startsWith(OPTIM)) {
                throw new IllegalArgumentException("Checkpoint: model entry \"" + e.getKey() + "\" clashes with the optimizer prefix");
            }
            tensors.put(e.getKey(), e.getValue());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("saraf.format", FORMAT);
        meta.put("saraf.model", trainer.model().typeName());
        meta.put("saraf.epoch", Integer.toString(history.size()));
        meta.put("saraf.seed", Long.toString(trainer.options().seed()));
        meta.put("saraf.history", history.toJson());
        StateDict optim = trainer.optimizer().stateDict().withPrefix(OPTIM);
        tensors.putAll(optim.tensors());
        meta.putAll(optim.values());
        if (trainer.options().scheduler() != null) {
            meta.putAll(trainer.options().scheduler().stateDict().withPrefix(SCHED).values());
        }
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Loads a checkpoint into {@code trainer}'s model, optimiser and schedule and returns its
     * history. The seed must match; if anything does not fit, the optimiser is left as it was.
     */
    static History load(Path file, Trainer trainer) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get("saraf.format"))) {
            throw new IllegalArgumentException("resume: " + file + " is not a training checkpoint (saraf.format is "
                    + meta.get("saraf.format") + ", expected " + FORMAT + ")");
        }
        long seed = Long.parseLong(meta.get("saraf.seed"));
        if (seed != trainer.options().seed()) {
            throw new IllegalArgumentException("resume: " + file + " was written by a run with seed " + seed
                    + ", this trainer has seed " + trainer.options().seed());
        }
        History history = History.fromJson(meta.get("saraf.history"));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> optimTensors = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> (k.startsWith(OPTIM) ? optimTensors : weights).put(k, v));
        StateDict all = new StateDict(optimTensors, meta);
        StateDict before = trainer.optimizer().stateDict();
        trainer.optimizer().loadStateDict(all.select(OPTIM));
        try {
            if (trainer.options().scheduler() != null) {
                trainer.options().scheduler().loadStateDict(all.select(SCHED));
            }
            trainer.model().loadStateDict(weights);
        } catch (RuntimeException e) {
            trainer.optimizer().loadStateDict(before);
            throw e;
        }
        return history;
    }

    /** Loads the model weights of a checkpoint (or of any safetensors state dict) into {@code model}. */
    public static void loadWeights(Path file, Module model) throws IOException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        SafeTensors.read(file).tensors().forEach((k, v) -> {
            if (!k.startsWith(OPTIM)) {
                weights.put(k, v);
            }
        });
        model.loadStateDict(weights);
    }
}
