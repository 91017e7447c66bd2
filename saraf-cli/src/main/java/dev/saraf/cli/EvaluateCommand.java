package dev.saraf.cli;

import dev.saraf.data.DataLoader;
import dev.saraf.data.Dataset;
import dev.saraf.data.Preprocessing;
import dev.saraf.data.Task;
import dev.saraf.io.Json;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.nn.loss.Loss;
import dev.saraf.nn.loss.MSELoss;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code saraf evaluate MODEL --data D}: a trained model's metrics on a data set, prepared as at training. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a trained model on a data set.",
                "Prints accuracy, per-class precision, recall and F1 and the confusion matrix, or MSE, MAE and R².",
                "Inputs are prepared as the model file records (scaling, standardisation, image size, classes)."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf evaluate runs/20260101-120000/model.safetensors --data mnist",
                "  saraf evaluate runs/fashion/model.safetensors --data fashion-mnist --json",
                "  saraf evaluate runs/houses/model.safetensors --data csv:houses-2025.csv --label price",
                "  saraf evaluate runs/photos/model.safetensors --data images:photos-test/"})
final class EvaluateCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by 'saraf train' (or its folder).")
    Path model;

    @Option(names = "--data", paramLabel = "D", required = true,
            description = "mnist, fashion-mnist, mnist-10k (their test sets), csv:FILE.csv (every row) or images:DIR (every image).")
    String data;

    @Option(names = "--label", paramLabel = "NAME", description = "csv: the label column (default: the one column that is not a feature).")
    String label;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256", description = "Examples per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Compute threads (0: one per core).")
    int threads;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "mnist, fashion-mnist: the folder with the four IDX files.")
    Path dataDir;

    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    EvaluateCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw CliException.usage("--batch-size must be at least 1, got " + batchSize);
        }
        if (threads < 0) {
            throw CliException.usage("--threads must be 0 (one per core) or more, got " + threads);
        }
        DataSource source = DataSource.parse(data);
        SavedModel saved = SavedModel.load(Files.isDirectory(model) ? model.resolve("model.safetensors") : model);
        Preprocessing p = saved.requirePreprocessing();
        Dataset dataset = source.forEvaluation(p, label, dataDir);
        Task task = p.task();
        int outputs = task == Task.CLASSIFICATION ? p.classNames().size() : dataset.targetShape().numel();
        ModelSource.checkFits(saved.file().toString(), saved.model(), saved.inputShape(), outputs);
        Loss loss = task == Task.CLASSIFICATION ? new CrossEntropyLoss() : new MSELoss();
        DataLoader loader = new DataLoader(dataset, DataLoader.Options.of(batchSize));
        Evaluation eval = Threads.call(threads,
                () -> Evaluation.of(saved.model(), loss, loader, task, outputs));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", saved.file().toString());
            m.put("data", source.toString());
            m.put("examples", eval.examples());
            m.putAll(eval.metrics(""));
            if (task == Task.CLASSIFICATION) {
                m.put("per_class", eval.perClass(p.classNames()));
            }
            console.out().println(Json.writePretty(m));
        } else {
            print(console.out(), eval, p.classNames(), source);
        }
        return 0;
    }

    private static void print(PrintStream out, Evaluation eval, List<String> names, DataSource source) {
        Map<String, Double> m = eval.metrics("");
        out.printf(Locale.ROOT, "%s: %,d examples%n", source, eval.examples());
        if (eval.task() == Task.REGRESSION) {
            out.printf(Locale.ROOT, "R²   %.4f%nMSE  %.6g%nMAE  %.6g%nloss %.6g%n", m.get("r2"), m.get("mse"), m.get("mae"), m.get("loss"));
            return;
        }
        out.printf(Locale.ROOT, "Accuracy: %.2f%% (%,d of %,d)   loss %.4f   macro F1 %.4f%n%n", 100 * m.get("accuracy"),
                eval.confusion().correct(), eval.examples(), m.get("loss"), m.get("macro_f1"));
        int w = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        out.printf(Locale.ROOT, "%-" + w + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1", "support");
        eval.perClass(names).forEach((name, row) -> out.printf(Locale.ROOT, "%-" + w + "s  %9.4f  %9.4f  %9.4f  %7d%n", name,
                (Double) row.get("precision"), (Double) row.get("recall"), (Double) row.get("f1"), (Long) row.get("support")));
        if (names.size() <= 20) {
            out.println();
            out.println("Confusion matrix (rows: true class, columns: predicted):");
            out.print(ConfusionTable.format(eval.confusion().counts(), names));
        }
    }
}
