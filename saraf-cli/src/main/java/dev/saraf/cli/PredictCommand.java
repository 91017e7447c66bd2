package dev.saraf.cli;

import dev.saraf.autograd.NoGrad;
import dev.saraf.data.Preprocessing;
import dev.saraf.data.Task;
import dev.saraf.io.Json;
import dev.saraf.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code saraf predict MODEL FILE...}: the class and probabilities (or the predicted values) for images or CSV rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict classes or values for images or CSV rows.",
                "For each PNG/JPEG image, or each row of a CSV file, prints the predicted class and its",
                "probability (with the runners-up), or the predicted value for regression.",
                "Inputs are prepared as the model file records."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf predict runs/20260101-120000/model.safetensors digit.png",
                "  saraf predict runs/fashion/model.safetensors shoe.png shirt.jpg --top 3",
                "  saraf predict runs/houses/model.safetensors new-houses.csv --json > predictions.json"})
final class PredictCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by 'saraf train' (or its folder).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "PNG or JPEG images, or CSV files (one prediction per row).")
    List<Path> files;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes to list per input, most probable first. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Compute threads (0: one per core).")
    int threads;

    @Option(names = "--json", description = "Print JSON: one object per input with every class probability.")
    boolean json;

    PredictCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw CliException.usage("--top must be at least 1, got " + top);
        }
        if (threads < 0) {
            throw CliException.usage("--threads must be 0 (one per core) or more, got " + threads);
        }
        SavedModel saved = SavedModel.load(Files.isDirectory(model) ? model.resolve("model.safetensors") : model);
        Preprocessing p = saved.requirePreprocessing();
        List<ModelInputs.Example> examples = ModelInputs.forPrediction(files, p);
        if (examples.isEmpty()) {
            throw new CliException("no inputs: the CSV files have no data rows");
        }
        int[] shape = saved.inputShape();
        int numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        float[] x = new float[examples.size() * numel];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).input(), 0, x, i * numel, numel);
        }
        int[] dims = SummaryCommand.batchOf(shape);
        dims[0] = examples.size();
        Tensor inputs = Tensor.of(x, dims);
        Tensor outputs = Threads.call(threads, () -> {
            try (var _ = NoGrad.enter()) {
                saved.model().eval();
                Tensor y = saved.model().forward(inputs);
                return p.task() == Task.CLASSIFICATION ? y.softmax(1) : y;
            }
        });
        int k = outputs.size(1);
        float[] y = outputs.toArray();
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            float[] row = new float[k];
            System.arraycopy(y, i * k, row, 0, k);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("input", examples.get(i).source());
            if (p.task() == Task.CLASSIFICATION) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (row[c] > row[best]) {
                        best = c;
                    }
                }
                r.put("class", name(p, best));
                r.put("index", best);
                r.put("probability", (double) row[best]);
                Map<String, Object> probs = new LinkedHashMap<>();
                for (int c = 0; c < k; c++) {
                    probs.put(name(p, c), (double) row[c]);
                }
                r.put("probabilities", probs);
                if (!json) {
                    console.out().println(examples.get(i).source() + ": " + ranked(p, row));
                }
            } else {
                List<Double> values = new ArrayList<>();
                for (float v : row) {
                    values.add((double) v);
                }
                r.put("prediction", values.size() == 1 ? values.getFirst() : values);
                if (!json) {
                    console.out().println(examples.get(i).source() + ": " + (values.size() == 1
                            ? String.format(Locale.ROOT, "%.6g", values.getFirst()) : values.toString()));
                }
            }
            results.add(r);
        }
        if (json) {
            console.out().println(Json.writePretty(results));
        }
        return 0;
    }

    /** The top classes, most probable first: {@code 7 (97.1%)  1 (1.2%)  9 (0.6%)}. */
    private String ranked(Preprocessing p, float[] probs) {
        Integer[] order = new Integer[probs.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probs[b], probs[a]));
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < Math.min(top, order.length); j++) {
            sb.append(j == 0 ? "" : "   ").append(name(p, order[j]))
                    .append(String.format(Locale.ROOT, " (%.1f%%)", 100 * probs[order[j]]));
        }
        return sb.toString();
    }

    private static String name(Preprocessing p, int c) {
        return c < p.classNames().size() ? p.classNames().get(c) : Integer.toString(c);
    }
}
