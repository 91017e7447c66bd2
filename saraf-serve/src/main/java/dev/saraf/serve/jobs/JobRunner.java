package dev.saraf.serve.jobs;

import dev.saraf.autograd.NoGrad;
import dev.saraf.data.DataLoader;
import dev.saraf.data.Dataset;
import dev.saraf.data.Mnist;
import dev.saraf.data.Splits;
import dev.saraf.data.Subset;
import dev.saraf.data.Task;
import dev.saraf.io.Json;
import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Architecture;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.nn.loss.Loss;
import dev.saraf.nn.loss.MSELoss;
import dev.saraf.optim.Adagrad;
import dev.saraf.optim.Adam;
import dev.saraf.optim.AdamW;
import dev.saraf.optim.Optimizer;
import dev.saraf.optim.RMSprop;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.BuiltinModels;
import dev.saraf.train.Callback;
import dev.saraf.train.EpochRandom;
import dev.saraf.train.EpochRecord;
import dev.saraf.train.Fit;
import dev.saraf.train.History;
import dev.saraf.train.ModelCheckpoint;
import dev.saraf.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Trains one job on the calling (worker) thread: resolves the data and the model, resumes from the
 * job's checkpoint when there is one, fits with a checkpoint after every epoch, and saves the
 * result as a model file with the preprocessing recorded (as {@code saraf train} writes it).
 */
final class JobRunner {
    /** How a run ended. */
    enum Outcome { TRAINED, CANCELLED, INTERRUPTED }

    /** Minimum time between two {@code batch} events of one job. */
    private static final long BATCH_EVENT_NANOS = 200_000_000L;

    private final DatasetStore datasets;
    private final int threads;

    JobRunner(DatasetStore datasets, int threads) {
        this.datasets = datasets;
        this.threads = threads;
    }

    /** The checkpoint of the job working in {@code dir}. */
    static Path checkpoint(Path dir) {
        return dir.resolve("checkpoint.safetensors");
    }

    /** The model file a trained job leaves in {@code dir}. */
    static Path modelFile(Path dir) {
        return dir.resolve("model.safetensors");
    }

    /**
     * Trains {@code job} in {@code dir}; {@code stopping} says the server is shutting down (the job
     * then stops after its current batch and resumes from its last checkpoint at the next start).
     *
     * @param onEpoch called after each epoch's event, to persist the job
     */
    Outcome run(Job job, Path dir, BooleanSupplier stopping, Runnable onEpoch) throws IOException {
        JobSpec spec = job.spec();
        Splits splits = data(spec);
        Dataset train = limit(splits.train(), spec.limit());
        Dataset test = splits.test() == null || splits.test().size() == 0 ? null : limit(splits.test(), spec.limit());
        Task task = splits.preprocessing().task();
        int[] input = train.inputShape().dims();
        int outputs = task == Task.CLASSIFICATION ? train.classNames().size() : train.targetShape().numel();
        String modelName = spec.model() != null ? spec.model() : spec.architecture() != null ? "custom" : input.length == 3 ? "cnn" : "mlp";
        Map<String, Object> architecture = spec.architecture() != null ? spec.architecture()
                : BuiltinModels.architecture(modelName, input, outputs);
        EpochRandom rng = new EpochRandom(spec.seed());
        Module net = Architecture.build(architecture, rng);
        checkFits(modelName, net, input, outputs);
        Optimizer optimizer = optimizer(spec, net);
        Loss loss = task == Task.CLASSIFICATION ? new CrossEntropyLoss() : new MSELoss();
        Trainer.Options options = (task == Task.CLASSIFICATION ? Trainer.Options.classification(spec.seed())
                : Trainer.Options.regression(spec.seed())).withThreads(threads).withRandom(rng);
        Trainer trainer = new Trainer(net, loss, optimizer, options);

        Files.createDirectories(dir);
        Path checkpoint = checkpoint(dir);
        if (Files.exists(checkpoint)) {
            trainer.resume(checkpoint);
            History h = trainer.history();
            job.resumed(h.size(), epochEvents(h));
        }
        DataLoader trainLoader = new DataLoader(train, DataLoader.Options.of(spec.batchSize()).withShuffle(spec.seed()));
        DataLoader testLoader = test == null ? null : new DataLoader(test, DataLoader.Options.of(Math.max(256, spec.batchSize())));
        Progress progress = new Progress(job, stopping, onEpoch);
        History history = trainer.fit(trainLoader, testLoader, spec.epochs(),
                ModelCheckpoint.everyEpoch(checkpoint), progress); // checkpoint first: an epoch is persisted only once it can be resumed
        if (job.cancelRequested()) {
            return Outcome.CANCELLED;
        }
        if (stopping.getAsBoolean() && history.size() < spec.epochs()) {
            return Outcome.INTERRUPTED;
        }
        if (history.stopReason() != null) {
            throw new IllegalStateException("training stopped: " + history.stopReason());
        }
        save(modelFile(dir), net, splits, spec, modelName, history);
        return Outcome.TRAINED;
    }

    private Splits data(JobSpec spec) {
        if (spec.uploaded()) {
            return datasets.splits(spec);
        }
        return Mnist.load(spec.data(), null);
    }

    private static Dataset limit(Dataset d, int limit) {
        if (limit <= 0 || limit >= d.size()) {
            return d;
        }
        int[] first = new int[limit];
        Arrays.setAll(first, i -> i);
        return new Subset(d, first, d.name() + "[:" + limit + "]");
    }

    private static void checkFits(String name, Module model, int[] input, int outputs) {
        int[] batch = new int[input.length + 1];
        batch[0] = 1;
        System.arraycopy(input, 0, batch, 1, input.length);
        Tensor y;
        try (var _ = NoGrad.enter()) {
            model.eval();
            y = model.forward(Tensor.zeros(batch));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model " + name + " does not take inputs of shape " + Arrays.toString(input) + ": "
                    + e.getMessage(), e);
        } finally {
            model.train();
        }
        if (!y.shape().is(1, outputs)) {
            throw new IllegalArgumentException("model " + name + " gives outputs of shape " + y.shape() + " for one input of shape "
                    + Arrays.toString(input) + ", but the data needs [1, " + outputs + "]");
        }
    }

    private static Optimizer optimizer(JobSpec spec, Module net) {
        List<Tensor> params = net.parameters();
        float lr = (float) spec.lr();
        return switch (spec.optimizer()) {
            case "adam" -> new Adam(params, lr);
            case "adamw" -> new AdamW(params, lr);
            case "sgd" -> new SGD(params, lr, 0.9f);
            case "rmsprop" -> new RMSprop(params, lr);
            case "adagrad" -> new Adagrad(params, lr);
            default -> throw new IllegalArgumentException("unknown optimizer " + spec.optimizer());
        };
    }

    private static void save(Path file, Module net, Splits splits, JobSpec spec, String modelName, History history)
            throws IOException {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("model", modelName);
        hyper.put("epochs", history.size());
        hyper.put("batch_size", spec.batchSize());
        hyper.put("optimizer", spec.optimizer());
        hyper.put("lr", spec.lr());
        hyper.put("limit", spec.limit());
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (history.size() > 0) {
            String prefix = spec.uploaded() ? "val_" : "test_";
            EpochRecord last = history.last();
            if (last.hasValidation()) {
                metrics.put(prefix + "loss", last.valLoss());
                last.valMetrics().forEach((k, v) -> metrics.put(prefix + k, v));
            }
            metrics.put("train_loss", last.loss());
            last.metrics().forEach((k, v) -> metrics.put("train_" + k, v));
        }
        metrics.values().removeIf(v -> !Double.isFinite(v));
        Provenance provenance = Provenance.now().withSeed(spec.seed()).withHyperparameters(hyper)
                .withDataset(spec.data(), null).withMetrics(metrics);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("preprocessing", Json.write(splits.preprocessing().toMap()));
        extra.put("class_names", Json.write(splits.preprocessing().classNames()));
        extra.put("task", splits.preprocessing().task().name().toLowerCase(java.util.Locale.ROOT));
        ModelFile.save(file, net, provenance, extra, null);
    }

    static List<Map<String, Object>> epochEvents(History h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EpochRecord r : h.epochs()) {
            out.add(epochData(r));
        }
        return out;
    }

    static Map<String, Object> epochData(EpochRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        r.values().forEach((k, v) -> m.put(k, finite(v)));
        m.put("epoch", r.epoch());
        return m;
    }

    /** JSON has no NaN: a value not yet known is null. */
    static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Turns the trainer's callbacks into the job's progress and events, and stops on cancel or shutdown. */
    private static final class Progress implements Callback {
        private final Job job;
        private final BooleanSupplier stopping;
        private final Runnable onEpoch;
        private long lastEvent;

        Progress(Job job, BooleanSupplier stopping, Runnable onEpoch) {
            this.job = job;
            this.stopping = stopping;
            this.onEpoch = onEpoch;
        }

        @Override
        public void onBatchEnd(Fit fit) {
            if (job.cancelRequested()) {
                fit.stop("cancelled");
                return;
            }
            if (stopping.getAsBoolean()) {
                fit.stop("server stopping");
                return;
            }
            long now = System.nanoTime();
            if (now - lastEvent < BATCH_EVENT_NANOS && fit.batch() < fit.batches()) {
                return;
            }
            lastEvent = now;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", fit.epoch());
            m.put("epochs", fit.epochs());
            m.put("batch", fit.batch());
            m.put("batches", fit.batches());
            m.put("loss", finite(fit.runningLoss()));
            m.put("batch_loss", finite(fit.batchLoss()));
            m.put("accuracy", finite(fit.runningAccuracy()));
            m.put("samples_per_second", finite(fit.samplesPerSecond()));
            double done = (fit.epoch() - 1 + (double) fit.batch() / Math.max(1, fit.batches())) / Math.max(1, fit.epochs());
            job.batch(m, done);
        }

        @Override
        public void onEpochEnd(Fit fit, EpochRecord record) {
            job.epoch(epochData(record));
            onEpoch.run();
        }
    }
}
