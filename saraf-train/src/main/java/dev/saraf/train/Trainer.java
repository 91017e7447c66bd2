package dev.saraf.train;

import dev.saraf.autograd.NoGrad;
import dev.saraf.data.Batch;
import dev.saraf.data.DataLoader;
import dev.saraf.data.Task;
import dev.saraf.kernels.Parallel;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.BCELoss;
import dev.saraf.nn.loss.Loss;
import dev.saraf.optim.GradClip;
import dev.saraf.optim.Optimizer;
import dev.saraf.optim.lr.LRScheduler;
import dev.saraf.optim.lr.ReduceLROnPlateau;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.metrics.ConfusionMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Trains a model: {@link #fit} runs epochs of {@code zeroGrad; forward; loss; backward; clip;
 * step} over a {@link DataLoader}, validates after each epoch, steps the learning-rate schedule and
 * calls the callbacks; {@link #evaluate} and {@link #predict} run the model in eval mode without
 * a graph.
 *
 * <pre>{@code
 * var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3f),
 *         Trainer.Options.classification(42));
 * History h = trainer.fit(trainLoader, testLoader, 5, new ProgressBar());
 * }</pre>
 *
 * <p>Reproducible: epoch {@code e} (from 1) asks the loader for {@code iterator(e - 1)}, whose order is
 * a function of the loader's seed and the epoch, and reseeds {@link Options#random()}; with the
 * same seeds and thread count ({@link Options#threads()}) two runs give equal {@link History}s and
 * bit-identical weights, and a run resumed from a {@link Checkpoint} continues exactly. The
 * trainer remembers its history, so {@code fit(..., epochs)} trains up to epoch {@code epochs} in
 * total: a fresh trainer from 1, a resumed or already-trained one from where it stands.
 *
 * <p>The loop itself allocates nothing per batch beyond what the model's ops allocate: metrics
 * accumulate into preallocated counters. Not thread-safe: one fit at a time.
 */
public final class Trainer {
    /**
     * How to train.
     *
     * @param task         classification (accuracy) or regression (MSE, MAE, R²)
     * @param seed         the run's seed, for {@link EpochRandom}s and recorded in checkpoints
     * @param threads      threads for the ops (pinned with {@link Parallel#withThreads}); 0 keeps the default
     * @param scheduler    a learning-rate schedule over the same optimiser, stepped after each epoch; or {@code null}
     * @param plateau      a reduce-on-plateau schedule over the same optimiser and the value it watches,
     *                     stepped after each epoch; or {@code null} (not together with {@code scheduler})
     * @param clipGradNorm clip the gradients' total 2-norm to this before each step; 0 for no clipping
     * @param random       reseeded from {@code (seed, epoch)} at each epoch start (pass the same one to
     *                     {@code Dropout}); or {@code null}
     */
    public record Options(Task task, long seed, int threads, LRScheduler scheduler, Plateau plateau, double clipGradNorm,
            EpochRandom random) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(task, "Trainer.Options: task");
            if (scheduler != null && plateau != null) {
                throw new IllegalArgumentException("Trainer.Options: give a scheduler or a plateau schedule, not both");
            }
            if (threads < 0) {
                throw new IllegalArgumentException("Trainer.Options: threads must be >= 0 (0 = default), got " + threads);
            }
            if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
                throw new IllegalArgumentException("Trainer.Options: clipGradNorm must be finite and >= 0, got " + clipGradNorm);
            }
        }

        /** Classification with {@code seed}, default threads, no schedule, no clipping. */
        public static Options classification(long seed) {
            return new Options(Task.CLASSIFICATION, seed, 0, null, null, 0, null);
        }

        /** Regression with {@code seed}, default threads, no schedule, no clipping. */
        public static Options regression(long seed) {
            return new Options(Task.REGRESSION, seed, 0, null, null, 0, null);
        }

        /** These options with {@code threads} threads. */
        public Options withThreads(int threads) {
            return new Options(task, seed, threads, scheduler, plateau, clipGradNorm, random);
        }

        /** These options with a learning-rate schedule. */
        public Options withScheduler(LRScheduler scheduler) {
            return new Options(task, seed, threads, scheduler, plateau, clipGradNorm, random);
        }

        /** These options with gradient-norm clipping. */
        public Options withClipGradNorm(double maxNorm) {
            return new Options(task, seed, threads, scheduler, plateau, maxNorm, random);
        }

        /** These options with a reduce-on-plateau schedule watching {@code monitor} (e.g. {@code "val_loss"}). */
        public Options withPlateau(ReduceLROnPlateau schedule, String monitor) {
            return new Options(task, seed, threads, scheduler, new Plateau(schedule, monitor), clipGradNorm, random);
        }

        /** These options with an epoch-reseeded generator. */
        public Options withRandom(EpochRandom random) {
            return new Options(task, seed, threads, scheduler, plateau, clipGradNorm, random);
        }
    }

    /**
     * A {@link ReduceLROnPlateau} and the epoch value it watches.
     *
     * @param schedule the schedule, over the trainer's optimiser
     * @param monitor  a name in {@link EpochRecord#values()}, e.g. {@code "val_loss"}
     */
    public record Plateau(ReduceLROnPlateau schedule, String monitor) {
        /** Checks neither is null. */
        public Plateau {
            Objects.requireNonNull(schedule, "Trainer.Plateau: schedule");
            Objects.requireNonNull(monitor, "Trainer.Plateau: monitor");
        }
    }

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Options options;
    private final float binaryThreshold;
    private final Meters meters;
    private History history = new History();

    /** A trainer of {@code model} by {@code loss} and {@code optimizer} (over the model's parameters). */
    public Trainer(Module model, Loss loss, Optimizer optimizer, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.options = Objects.requireNonNull(options, "options");
        if (options.scheduler() != null && options.scheduler().optimizer() != optimizer) {
            throw new IllegalArgumentException("Trainer: the scheduler drives another optimiser than the one given");
        }
        // One score column: a binary classifier, on probabilities after BCELoss, else on logits.
        this.binaryThreshold = loss instanceof BCELoss ? 0.5f : 0f;
        this.meters = new Meters(options.task(), binaryThreshold);
    }

    /** The model. */
    public Module model() {
        return model;
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The optimiser. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** The epochs trained so far (a copy). */
    public History history() {
        return new History(history);
    }

    /**
     * Trains until epoch {@code epochs} (counting those already done), validating on
     * {@code validation} after each epoch when it is not {@code null}.
     *
     * @return the full history, including epochs before a resume; {@link History#stopReason()}
     *     says why, if a callback stopped training early
     */
    public History fit(DataLoader train, DataLoader validation, int epochs, Callback... callbacks) {
        Objects.requireNonNull(train, "fit: train loader");
        if (epochs < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
        }
        Callback[] cbs = callbacks.clone(); // an array: iterating it per batch allocates no iterator
        for (Callback c : cbs) {
            Objects.requireNonNull(c, "fit: a callback is null");
        }
        return withThreads(() -> run(train, validation, epochs, cbs));
    }

    private History run(DataLoader train, DataLoader validation, int epochs, Callback[] cbs) {
        history.setStopReason(null);
        Fit fit = new Fit(this, epochs, train.batches(), train.dataset().size(), history);
        for (Callback c : cbs) {
            c.onFitStart(fit);
        }
        for (int e = history.size() + 1; e <= epochs && !fit.stopRequested(); e++) {
            fit.startEpoch(e);
            if (options.random() != null) {
                options.random().startEpoch(e - 1);
            }
            model.train();
            for (Callback c : cbs) {
                c.onEpochStart(fit);
            }
            meters.reset();
            float lr = optimizer.lr();
            // Closed explicitly: a stop mid-epoch must also end the loader's prefetch thread.
            try (DataLoader.BatchIterator batches = train.iterator(e - 1)) {
                while (batches.hasNext() && !fit.stopRequested()) {
                    trainBatch(fit, batches.next());
                    for (Callback c : cbs) {
                        c.onBatchEnd(fit);
                    }
                }
            }
            if (fit.stopRequested()) {
                break; // an unfinished epoch is not recorded
            }
            double trainSeconds = fit.epochSeconds();
            Map<String, Double> metrics = meters.summary();
            double valLoss = Double.NaN;
            Map<String, Double> valMetrics = Map.of();
            if (validation != null) {
                Map<String, Double> v = evaluatePass(validation);
                valLoss = v.remove("loss");
                valMetrics = v;
            }
            if (options.scheduler() != null) {
                options.scheduler().step();
            }
            EpochRecord record = new EpochRecord(e, fit.runningLoss(), metrics, valLoss, valMetrics, lr, fit.epochSeconds(),
                    trainSeconds > 0 ? fit.seen() / trainSeconds : 0);
            history.add(record);
            if (options.plateau() != null) {
                options.plateau().schedule().step(record.get(options.plateau().monitor()));
            }
            for (Callback c : cbs) {
                c.onEpochEnd(fit, record);
            }
        }
        model.train();
        history.setStopReason(fit.stopReason());
        for (Callback c : cbs) {
            c.onFitEnd(fit);
        }
        return new History(history);
    }

    private void trainBatch(Fit fit, Batch batch) {
        optimizer.zeroGrad();
        Tensor out = model.forward(batch.inputs());
        Tensor l = loss.forward(out, batch.targets());
        if (l.numel() != 1) {
            throw new IllegalStateException("fit: the loss must reduce to a scalar (MEAN or SUM), got shape " + l.shape());
        }
        float value = l.item();
        l.backward();
        if (options.clipGradNorm() > 0) {
            GradClip.clipGradNorm(optimizer.params(), options.clipGradNorm());
        }
        optimizer.step();
        long before = meters.correct();
        meters.add(out, batch.targets());
        long correct = meters.correct() - before;
        fit.endBatch(value, batch.inputs().rank() == 0 ? 1 : batch.inputs().size(0), correct);
    }

    /**
     * The mean loss and the metrics of the model on {@code data}, in eval mode without a graph:
     * {@code loss} and {@code accuracy}, or {@code loss}, {@code mse}, {@code mae} and {@code r2}.
     * The model's training mode is restored afterwards.
     */
    public Map<String, Double> evaluate(DataLoader data) {
        Objects.requireNonNull(data, "evaluate: loader");
        return withThreads(() -> evaluatePass(data));
    }

    private Map<String, Double> evaluatePass(DataLoader data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        meters.reset();
        double[] sumAndCount = new double[2];
        try (var _ = NoGrad.enter()) {
            forEachBatch(data, batch -> {
                Tensor out = model.forward(batch.inputs());
                int size = batch.inputs().size(0);
                sumAndCount[0] += (double) loss.forward(out, batch.targets()).item() * size;
                sumAndCount[1] += size;
                meters.add(out, batch.targets());
            });
        } finally {
            model.train(wasTraining);
        }
        double sum = sumAndCount[0];
        long n = (long) sumAndCount[1];
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", n == 0 ? Double.NaN : sum / n);
        result.putAll(meters.summary());
        return result;
    }

    /**
     * The confusion matrix of the model on {@code data} (classification), in eval mode without a
     * graph: rows true classes, columns predicted; one score column is read as a binary classifier.
     */
    public ConfusionMatrix confusion(DataLoader data) {
        Objects.requireNonNull(data, "confusion: loader");
        return withThreads(() -> {
            ConfusionMatrix[] m = new ConfusionMatrix[1];
            inference(() -> {
                forEachBatch(data, batch -> {
                    Tensor out = model.forward(batch.inputs());
                    if (m[0] == null) {
                        m[0] = new ConfusionMatrix(out.rank() == 2 ? Math.max(2, out.size(1)) : 2);
                    }
                    m[0].add(out, batch.targets(), binaryThreshold);
                });
            });
            if (m[0] == null) {
                throw new IllegalArgumentException("confusion: the loader gave no batches");
            }
            return m[0];
        });
    }

    /** The model's outputs on every batch of {@code data}, in loader order (epoch 0), concatenated: {@code [N, ...]}. */
    public Tensor predict(DataLoader data) {
        Objects.requireNonNull(data, "predict: loader");
        return withThreads(() -> {
            List<Tensor> outs = new ArrayList<>();
            inference(() -> {
                forEachBatch(data, batch -> outs.add(model.forward(batch.inputs())));
            });
            if (outs.isEmpty()) {
                throw new IllegalArgumentException("predict: the loader gave no batches (" + data.dataset().name() + ")");
            }
            return outs.size() == 1 ? outs.getFirst() : Tensor.cat(0, outs.toArray(Tensor[]::new));
        });
    }

    /** The model's outputs on {@code inputs [N, ...]}, computed 256 rows at a time: {@code [N, ...]}. */
    public Tensor predict(Tensor inputs) {
        Objects.requireNonNull(inputs, "predict: inputs");
        return withThreads(() -> {
            int n = inputs.size(0);
            List<Tensor> outs = new ArrayList<>();
            inference(() -> {
                for (int from = 0; from < n; from += 256) {
                    Tensor chunk = n <= 256 ? inputs : inputs.slice(0, from, Math.min(n, from + 256));
                    outs.add(model.forward(chunk));
                }
            });
            return outs.size() == 1 ? outs.getFirst() : Tensor.cat(0, outs.toArray(Tensor[]::new));
        });
    }

    /** Runs {@code body} on each batch of epoch 0, closing the pass (and its prefetch thread) even on error. */
    private static void forEachBatch(DataLoader data, java.util.function.Consumer<Batch> body) {
        try (DataLoader.BatchIterator it = data.iterator(0)) {
            while (it.hasNext()) {
                body.accept(it.next());
            }
        }
    }

    private void inference(Runnable body) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var _ = NoGrad.enter()) {
            body.run();
        } finally {
            model.train(wasTraining);
        }
    }

    /**
     * Restores a {@link Checkpoint} written by {@link ModelCheckpoint} (or {@link Checkpoint#save}):
     * weights, optimiser and schedule state and the history, so that the next {@link #fit} continues
     * after the checkpoint's last epoch exactly as the original run did. The checkpoint must come
     * from a run with the same seed, model and optimiser options.
     */
    public void resume(Path checkpoint) throws IOException {
        history = Checkpoint.load(checkpoint, this);
    }

    private <T> T withThreads(Supplier<T> body) {
        if (options.threads() == 0) {
            return body.get();
        }
        List<T> out = new ArrayList<>(1);
        Parallel.withThreads(options.threads(), () -> {
            out.add(body.get());
        });
        return out.getFirst();
    }
}
