package dev.saraf.cli;

import dev.saraf.data.Task;
import dev.saraf.io.Json;
import dev.saraf.train.History;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of {@code saraf train}: written as {@code report.json} (final metrics on the held-out
 * split as {@code test_*}, per-class precision/recall/F1, the confusion matrix, what was trained on
 * what and how long it took) and printed as a short text summary.
 *
 * @param source     the --data source
 * @param dataset    the data set's name (e.g. {@code mnist-10k} when {@code mnist} is the bundled digits)
 * @param model      the --model value
 * @param seed       the seed
 * @param hyper      hyperparameters, as recorded in the model file
 * @param history    the epochs
 * @param eval       the final evaluation on the held-out split
 * @param classNames class names (empty for regression)
 * @param seconds    training time, seconds
 * @param heldOut    size of the held-out split
 */
record RunReport(DataSource source, String dataset, String model, long seed, Map<String, Object> hyper, History history, Evaluation eval,
        List<String> classNames, double seconds, int heldOut) {

    /** The report as JSON-able maps. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("data", source.toString());
        m.put("dataset", dataset);
        m.put("task", eval.task().name().toLowerCase(Locale.ROOT));
        m.put("held_out", source.hasTestSet() ? "test set" : "validation split");
        m.put("test_examples", heldOut);
        m.putAll(eval.metrics("test_"));
        m.put("epochs", history.size());
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("seed", seed);
        m.put("hyperparameters", hyper);
        if (history.stopReason() != null) {
            m.put("stopped", history.stopReason());
        }
        if (eval.confusion() != null) {
            m.put("class_names", classNames);
            m.put("per_class", eval.perClass(classNames));
            List<List<Long>> rows = new ArrayList<>();
            for (long[] row : eval.confusion().counts()) {
                List<Long> r = new ArrayList<>();
                for (long c : row) {
                    r.add(c);
                }
                rows.add(r);
            }
            m.put("confusion_matrix", rows);
        }
        return m;
    }

    /** Writes {@link #toMap()} as pretty JSON, atomically. */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.writePretty(toMap()) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The text summary: headline metric, confusion matrix, where everything was written. */
    void print(PrintStream out, Path modelFile, List<Path> plots) {
        String split = source.hasTestSet() ? "test" : "validation";
        out.println();
        if (eval.task() == Task.CLASSIFICATION) {
            long correct = eval.confusion().correct();
            out.printf(Locale.ROOT, "Test accuracy: %.2f%% (%,d of %,d %s examples) after %d epoch%s, %.1f s%n",
                    100 * eval.confusion().accuracy(), correct, eval.examples(), split, history.size(),
                    history.size() == 1 ? "" : "s", seconds);
            if (classNames.size() <= 20) {
                out.println();
                out.println("Confusion matrix (rows: true class, columns: predicted):");
                out.print(ConfusionTable.format(eval.confusion().counts(), classNames));
            }
        } else {
            Map<String, Double> m = eval.metrics("");
            out.printf(Locale.ROOT, "Test R²: %.4f   MSE %.6g   MAE %.6g (%,d %s examples) after %d epochs, %.1f s%n",
                    m.get("r2"), m.get("mse"), m.get("mae"), eval.examples(), split, history.size(), seconds);
        }
        if (history.stopReason() != null) {
            out.println("Stopped early: " + history.stopReason());
        }
        Path dir = modelFile.getParent();
        out.println();
        out.println("Model:   " + modelFile);
        out.println("Report:  " + dir.resolve("report.json"));
        out.println("History: " + dir.resolve("history.csv"));
        if (!plots.isEmpty()) {
            out.println("Plots:   " + String.join(", ", plots.stream().map(Path::toString).toList()));
        }
        out.println();
        out.println("Next: saraf evaluate " + modelFile + " --data " + source + "   |   saraf summary " + modelFile);
    }
}
