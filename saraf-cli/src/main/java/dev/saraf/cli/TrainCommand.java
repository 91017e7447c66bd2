package dev.saraf.cli;

import dev.saraf.data.DataLoader;
import dev.saraf.data.Dataset;
import dev.saraf.data.Splits;
import dev.saraf.data.Task;
import dev.saraf.io.Provenance;
import dev.saraf.kernels.Parallel;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.nn.loss.Loss;
import dev.saraf.nn.loss.MSELoss;
import dev.saraf.optim.Optimizer;
import dev.saraf.train.EpochRandom;
import dev.saraf.train.History;
import dev.saraf.train.ProgressBar;
import dev.saraf.train.TerminateOnNaN;
import dev.saraf.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saraf train}: trains a model on a data set and writes the model, its history, plots and a report. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on a data set.",
                "Writes DIR/model.safetensors, DIR/history.csv, DIR/report.json and PNG plots.",
                "With no options: the CNN on the 10,000 MNIST digits bundled with saraf (a minute or two)."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf train",
                "  saraf train --data fashion-mnist --model mlp --epochs 5 --out runs/fm",
                "  saraf train --data csv:houses.csv --label price --task regression \\",
                "              --model mlp --epochs 50",
                "  saraf train --data csv:iris.csv --label species --batch-size 16 --epochs 100",
                "  saraf train --data images:photos/ --image-size 32 --channels 3 --epochs 10",
                "  saraf train --model my-net.json --optimizer sgd --lr 0.05 --seed 7 --threads 2"})
final class TrainCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--data", paramLabel = "D", defaultValue = "mnist",
            description = "mnist, fashion-mnist, mnist-10k, csv:FILE.csv or images:DIR (one folder per class). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--model", paramLabel = "M",
            description = "perceptron, mlp, lenet5, cnn (sized to the data), or a JSON architecture file. Default: cnn for images, mlp for CSV.")
    String model;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Passes over the training data. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results. Default: runs/<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Examples per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "adam",
            description = "adam, adamw, sgd (momentum 0.9), rmsprop or adagrad. Default: ${DEFAULT-VALUE}.")
    OptimizerChoice optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate. Default: 0.001 for adam and adamw, 0.01 for the others.")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of initialisation, shuffling, dropout and splits: same seed and threads, same model. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Compute threads (0: one per core).")
    int threads;

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Share of the training data held out for validation and the final report (default 0.2 for csv: and images:,"
                    + " 0 for mnist and fashion-mnist, which have a test set).")
    Double validationSplit;

    @Option(names = "--label", paramLabel = "NAME", description = "csv: the label column (default: the last column).")
    String label;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
            description = "csv: classification (string or integer labels) or regression (numbers). Default: ${DEFAULT-VALUE}.")
    Task task;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "28",
            description = "images: resize every image to PX x PX. Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "1", description = "images: 1 (grey) or 3 (RGB). Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "mnist, fashion-mnist: the folder with the four IDX files (default: searched, see 'saraf datasets').")
    Path dataDir;

    @Option(names = "--download",
            description = "mnist, fashion-mnist: when not on this machine, download from the official mirrors (SHA-256 checked) into ~/.saraf/datasets.")
    boolean download;

    TrainCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        DataSource source = DataSource.parse(data);
        double split = validationSplit != null ? validationSplit : source.hasTestSet() ? 0 : 0.2;
        Splits splits = source.forTraining(new DataSource.Options(label, task, imageSize, channels, split, seed, dataDir, download));
        Dataset train = splits.train();
        Dataset test = splits.test();
        // "mnist" may be the full set or the bundled 10,000 digits: record which.
        String dataset = source.kind() == DataSource.Kind.NAMED ? train.name() : source.toString();
        if (split > 0 && source.hasTestSet()) {
            splits = new Splits(Splits.trainValidation(train, split, seed).train(), test, splits.preprocessing());
            train = splits.train();
        }
        Task kind = splits.preprocessing().task();
        int[] input = train.inputShape().dims();
        int outputs = kind == Task.CLASSIFICATION ? train.classNames().size() : train.targetShape().numel();
        String modelName = model != null ? model : input.length == 3 ? "cnn" : "mlp";
        EpochRandom rng = new EpochRandom(seed);
        Module net = ModelSource.build(modelName, ModelSource.architecture(modelName, input, outputs), rng, input, outputs);
        double rate = lr != null ? lr : optimizer.defaultLr();
        Optimizer opt = optimizer.create(net.parameters(), rate);
        Loss loss = kind == Task.CLASSIFICATION ? new CrossEntropyLoss() : new MSELoss();
        Trainer.Options options = (kind == Task.CLASSIFICATION ? Trainer.Options.classification(seed) : Trainer.Options.regression(seed))
                .withThreads(threads).withRandom(rng);
        Trainer trainer = new Trainer(net, loss, opt, options);

        Path dir = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        var err = console.err();
        err.printf("Training %s on %s: %,d training and %,d %s examples, inputs %s, %s; %,d parameters, %d threads%n",
                modelName, train.name(), train.size(), test.size(), source.hasTestSet() ? "test" : "validation",
                train.inputShape(), kind == Task.CLASSIFICATION ? outputs + " classes" : outputs + " target(s)",
                net.parameterCount(), threads > 0 ? threads : Parallel.threads());

        DataLoader trainLoader = new DataLoader(train, DataLoader.Options.of(batchSize).withShuffle(seed));
        DataLoader testLoader = new DataLoader(test, DataLoader.Options.of(Math.max(batchSize, 256)));
        long start = System.nanoTime();
        // Off a terminal, quarter-epoch lines only when epochs are long enough to want them.
        ProgressBar progress = new ProgressBar(err, ProgressBar.isTerminal(), trainLoader.batches() >= 40 ? 25 : 100);
        History history = trainer.fit(trainLoader, testLoader, epochs, progress, new TerminateOnNaN(err));
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation eval = Threads.call(threads, () -> Evaluation.of(net, loss, testLoader, kind, outputs));

        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("model", modelName);
        hyper.put("epochs", history.size());
        hyper.put("batch_size", batchSize);
        hyper.put("optimizer", optimizer.label());
        hyper.put("lr", rate);
        hyper.put("threads", threads > 0 ? threads : Parallel.threads());
        hyper.put("validation_split", split);
        Map<String, Double> metrics = eval.metrics("test_");
        Provenance provenance = Provenance.now().withSeed(seed).withHyperparameters(hyper)
                .withDataset(dataset, source.kind() == DataSource.Kind.CSV ? Provenance.sha256(source.path()) : null)
                .withMetrics(metrics);
        Path modelFile = dir.resolve("model.safetensors");
        SavedModel.save(modelFile, net, splits.preprocessing(), provenance);
        history.writeCsv(dir.resolve("history.csv"));
        RunReport report = new RunReport(source, dataset, modelName, seed, hyper, history, eval, train.classNames(), seconds, test.size());
        report.write(dir.resolve("report.json"));
        var plots = TrainPlots.write(dir, history, eval, net, test, train.classNames(), kind, threads);
        report.print(console.out(), modelFile, plots);
        return history.stopReason() != null && history.size() == 0 ? Saraf.FAILURE : 0;
    }

    private void validate() {
        if (epochs < 0) {
            throw CliException.usage("--epochs must be 0 or more, got " + epochs);
        }
        if (batchSize < 1) {
            throw CliException.usage("--batch-size must be at least 1, got " + batchSize);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw CliException.usage("--lr must be a positive number, got " + lr);
        }
        if (threads < 0) {
            throw CliException.usage("--threads must be 0 (one per core) or more, got " + threads);
        }
        if (validationSplit != null && !(validationSplit >= 0 && validationSplit < 1)) {
            throw CliException.usage("--validation-split must be in [0, 1), got " + validationSplit);
        }
        if (imageSize < 1) {
            throw CliException.usage("--image-size must be at least 1, got " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw CliException.usage("--channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (model != null) {
            ModelSource.check(model);
        }
    }
}
