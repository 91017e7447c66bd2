package dev.saraf.cli;

import dev.saraf.data.Preprocessing;
import dev.saraf.io.Json;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Module;
import dev.saraf.train.BuiltinModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code saraf summary MODEL}: the layer table of a model file, JSON architecture or built-in model. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show a model's layers, shapes and parameter counts.",
                "One row per layer (path, type, output shape, parameters) and the totals; for a model file",
                "also how it was trained: data, preprocessing, hyperparameters, metrics."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf summary runs/20260101-120000/model.safetensors",
                "  saraf summary cnn                                  the built-in CNN on 28x28 grey images",
                "  saraf summary cnn --input 3,32,32 --outputs 100     ...sized for 32x32 RGB images, 100 classes",
                "  saraf summary my-net.json --input 13                a JSON architecture on 13 features"})
final class SummaryCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A model file (.safetensors), a JSON architecture file, or a built-in model: perceptron, mlp, lenet5, cnn.")
    String model;

    @Option(names = "--input", paramLabel = "SHAPE", split = ",",
            description = "Shape of one input for an architecture or built-in model: C,H,W for images or F for features (default: 1,28,28).")
    int[] input;

    @Option(names = "--outputs", paramLabel = "K", description = "Outputs (classes) of a built-in model (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int outputs;

    SummaryCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Path file = Path.of(model);
        if (!BuiltinModels.isBuiltin(model) && model.endsWith(".safetensors") || Files.isDirectory(file)) {
            printModelFile(Files.isDirectory(file) ? file.resolve("model.safetensors") : file);
            return 0;
        }
        int[] shape = input != null ? input : new int[] {1, 28, 28};
        for (int d : shape) {
            if (d < 1) {
                throw CliException.usage("--input: dimensions must be positive, got " + Arrays.toString(shape));
            }
        }
        if (outputs < 1) {
            throw CliException.usage("--outputs must be at least 1, got " + outputs);
        }
        Map<String, Object> arch = ModelSource.architecture(model, shape, outputs);
        // A JSON architecture decides its own outputs: any count is fine, as long as the forward runs.
        Module m = ModelSource.build(model, arch, new SplittableRandom(0), shape, BuiltinModels.isBuiltin(model) ? outputs : -1);
        console.out().print(m.summary(batchOf(shape)));
        return 0;
    }

    private void printModelFile(Path file) {
        SavedModel saved = SavedModel.load(file);
        Preprocessing p = saved.preprocessing();
        int[] shape = p != null ? saved.inputShape() : input;
        if (shape == null) {
            throw CliException.usage(file + " records no input shape; give one with --input");
        }
        var out = console.out();
        out.println("Model: " + file);
        out.print(saved.model().summary(batchOf(shape)));
        Provenance prov = saved.provenance();
        out.println();
        out.println("Trained with saraf " + prov.sarafVersion() + " on " + prov.created()
                + (prov.seed() == null ? "" : ", seed " + prov.seed()));
        if (prov.dataset() != null) {
            out.println("Data: " + prov.dataset() + (prov.datasetSha256() == null ? "" : " (sha256 " + prov.datasetSha256() + ")"));
        }
        if (p != null) {
            out.println("Preprocessing: " + describe(p));
        }
        if (!prov.hyperparameters().isEmpty()) {
            out.println("Hyperparameters: " + Json.write(prov.hyperparameters()));
        }
        if (!prov.metrics().isEmpty()) {
            out.println("Metrics:");
            prov.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s %.4f%n", k, v));
        }
    }

    /** One line: what is done to raw inputs before the model sees them. */
    static String describe(Preprocessing p) {
        String task = p.task().name().toLowerCase(Locale.ROOT);
        String classes = p.classNames().isEmpty() ? "" : ", " + p.classNames().size() + " classes " + abbreviate(p.classNames().toString());
        return switch (p.kind()) {
            case IMAGE -> task + "; images " + (p.channels() == 1 ? "grey" : "RGB") + ", resized to " + p.height() + "x" + p.width()
                    + ", pixels x " + String.format(Locale.ROOT, "%.6g", p.pixelScale()) + classes;
            case CSV -> task + "; CSV features " + abbreviate(p.featureNames().toString())
                    + " standardised with the training split's mean and std" + classes;
            case NONE -> task + "; inputs " + p.inputShape() + " as given" + classes;
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 76) + " ...]";
    }

    static int[] batchOf(int[] shape) {
        int[] b = new int[shape.length + 1];
        b[0] = 1;
        System.arraycopy(shape, 0, b, 1, shape.length);
        return b;
    }
}
