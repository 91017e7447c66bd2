package dev.saraf.cli;

import dev.saraf.autograd.NoGrad;
import dev.saraf.io.Json;
import dev.saraf.nn.Architecture;
import dev.saraf.nn.Module;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.BuiltinModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What {@code --model} names: a built-in model ({@link BuiltinModels}) sized for the data, or a
 * JSON architecture file (the format of {@link Architecture}), which must already fit the data.
 */
final class ModelSource {
    private ModelSource() {}

    /**
     * The architecture {@code spec} names, for inputs of shape {@code input} (one example) and
     * {@code outputs} outputs.
     *
     * @throws CliException for an unknown name, a missing or malformed file
     */
    static Map<String, Object> architecture(String spec, int[] input, int outputs) {
        if (BuiltinModels.isBuiltin(spec)) {
            try {
                return BuiltinModels.architecture(spec, input, outputs);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
        }
        check(spec);
        return readJson(Path.of(spec));
    }

    /** Fails fast (before any data is loaded) when {@code spec} is neither a built-in name nor an existing file. */
    static void check(String spec) {
        if (BuiltinModels.isBuiltin(spec) || Files.isRegularFile(Path.of(spec))) {
            return;
        }
        if (!spec.contains("/") && !spec.contains(".")) {
            throw CliException.usage("unknown model '" + spec + "': use one of " + String.join(", ", BuiltinModels.NAMES)
                    + ", or a JSON architecture file");
        }
        throw new CliException("no such file: " + spec);
    }

    /** Reads a JSON architecture file. */
    static Map<String, Object> readJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return Json.parseObject(text);
        } catch (RuntimeException e) {
            throw new CliException(file + ": not a JSON architecture: " + e.getMessage(), e);
        }
    }

    /**
     * Builds {@code architecture}, parameters drawn from {@code rng}, and checks with one forward
     * on zeros that it maps {@code [1, ...input]} to {@code [1, outputs]} (any output when
     * {@code outputs < 0}).
     *
     * @param name what to call the model in errors (the --model value)
     * @throws CliException naming the model and both shapes when it does not fit
     */
    static Module build(String name, Map<String, Object> architecture, RandomGenerator rng, int[] input, int outputs) {
        Module model;
        try {
            model = Architecture.build(architecture, rng);
        } catch (IllegalArgumentException e) {
            throw new CliException("model " + name + ": " + e.getMessage(), e);
        }
        checkFits(name, model, input, outputs);
        return model;
    }

    /** Checks that {@code model} maps {@code [1, ...input]} to {@code [1, outputs]}. */
    static void checkFits(String name, Module model, int[] input, int outputs) {
        int[] batch = new int[input.length + 1];
        batch[0] = 1;
        System.arraycopy(input, 0, batch, 1, input.length);
        boolean training = model.isTraining();
        Tensor y;
        try (var _ = NoGrad.enter()) {
            model.eval();
            y = model.forward(Tensor.zeros(batch));
        } catch (RuntimeException e) {
            throw new CliException("model " + name + " does not take inputs of shape " + Arrays.toString(input) + ": "
                    + e.getMessage(), e);
        } finally {
            model.train(training);
        }
        if (outputs >= 0 && !y.shape().is(1, outputs)) {
            throw new CliException("model " + name + " gives outputs of shape " + y.shape() + " for one input of shape "
                    + Arrays.toString(input) + ", but the data needs [1, " + outputs + "]");
        }
    }
}
