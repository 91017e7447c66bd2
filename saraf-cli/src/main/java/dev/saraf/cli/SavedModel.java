package dev.saraf.cli;

import dev.saraf.data.Preprocessing;
import dev.saraf.data.Task;
import dev.saraf.io.Json;
import dev.saraf.io.LoadedModel;
import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model file as {@code saraf train} writes it: a {@link ModelFile} whose extra metadata records
 * the {@link Preprocessing} the model was trained with ({@value #PREPROCESSING}, JSON of
 * {@link Preprocessing#toMap()}), its task, class names and input shape, so that {@code evaluate},
 * {@code predict} and the server turn new images or CSV rows into exactly the inputs the model
 * learnt from.
 *
 * @param file          where it was read from
 * @param model         the model, weights loaded, in eval mode
 * @param architecture  its architecture (JSON-able)
 * @param provenance    seed, hyperparameters, data set, metrics
 * @param preprocessing the recorded preprocessing, or null for a model file written elsewhere
 */
record SavedModel(Path file, Module model, Map<String, Object> architecture, Provenance provenance,
        Preprocessing preprocessing) {

    /** Extra metadata key of the preprocessing JSON. */
    static final String PREPROCESSING = "preprocessing";
    /** Extra metadata key of the class names (a JSON list), for readers that do not know saraf's preprocessing. */
    static final String CLASS_NAMES = "class_names";
    /** Extra metadata key of the task ({@code classification} or {@code regression}). */
    static final String TASK = "task";
    /** Extra metadata key of the shape of one input (a JSON list, e.g. {@code [1, 28, 28]}), as the server reads it. */
    static final String INPUT_SHAPE = "input_shape";

    /** Writes {@code model} with its preprocessing and provenance to {@code file} (atomically). */
    static void save(Path file, Module model, Preprocessing preprocessing, Provenance provenance) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(PREPROCESSING, Json.write(preprocessing.toMap()));
        extra.put(CLASS_NAMES, Json.write(preprocessing.classNames()));
        extra.put(TASK, preprocessing.task().name().toLowerCase());
        extra.put(INPUT_SHAPE, Json.write(preprocessing.inputShape()));
        ModelFile.save(file, model, provenance, extra, null);
    }

    /**
     * Reads a model file.
     *
     * @throws CliException when the file is missing or is not a saraf model file
     */
    static SavedModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(Files.isDirectory(file) ? file + " is a directory; give the model file (e.g. "
                    + file.resolve("model.safetensors") + ")" : "no such model file: " + file);
        }
        LoadedModel loaded;
        try {
            loaded = ModelFile.load(file);
        } catch (IOException e) {
            throw new CliException(file + ": " + Errors.describe(e), e);
        }
        Preprocessing p = null;
        String json = loaded.extra().get(PREPROCESSING);
        if (json != null) {
            try {
                p = Preprocessing.fromMap(Json.parseObject(json));
            } catch (RuntimeException e) {
                throw new CliException(file + ": metadata \"" + PREPROCESSING + "\" is malformed: " + e.getMessage(), e);
            }
        }
        return new SavedModel(file, loaded.model(), loaded.architecture(), loaded.provenance(), p);
    }

    /** The preprocessing, or a clear error when the file has none. */
    Preprocessing requirePreprocessing() {
        if (preprocessing == null) {
            throw new CliException(file + ": has no \"" + PREPROCESSING + "\" record (it was not written by 'saraf train'), "
                    + "so saraf does not know how to prepare its inputs");
        }
        return preprocessing;
    }

    /** The task recorded in the file. */
    Task task() {
        return requirePreprocessing().task();
    }

    /** Class names in class-index order; empty for regression. */
    List<String> classNames() {
        return requirePreprocessing().classNames();
    }

    /** The shape of one input, e.g. {@code [1, 28, 28]}. */
    int[] inputShape() {
        return requirePreprocessing().inputShape().stream().mapToInt(Integer::intValue).toArray();
    }
}
