package dev.saraf.io;

import dev.saraf.nn.Architecture;
import dev.saraf.nn.Module;
import dev.saraf.optim.Optimizer;
import dev.saraf.optim.StateDict;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * saraf's model file: one {@code *.safetensors} file that any safetensors reader opens, holding
 * <ul>
 *   <li>the weights: {@link Module#stateDict()} (parameters and buffers such as batch-norm running
 *       statistics) under PyTorch's names and layouts ({@code 0.weight}; linear {@code [out, in]},
 *       conv {@code [out, in/groups, kh, kw]}), float32;</li>
 *   <li>in {@code __metadata__}, as strings: {@code format} = {@value #FORMAT}, {@code format_version}
 *       = {@value #FORMAT_VERSION}, the {@code architecture} as JSON ({@link Architecture#describe}),
 *       the {@link Provenance} ({@code saraf_version}, {@code seed}, {@code hyperparameters},
 *       {@code dataset}, {@code dataset_sha256}, {@code metrics}, {@code created}) and the
 *       caller's extra entries;</li>
 *   <li>when saved for resuming, the optimiser's state: its tensors named {@code optim.state.<i>.<buffer>}
 *       and its values as metadata {@code optim.<key>}.</li>
 * </ul>
 * The byte layout and every key are documented in {@code docs/model-files.md}, with how to read
 * the file in Python.
 *
 * <pre>{@code
 * ModelFile.save(path, model, Provenance.now().withSeed(42).withMetrics(Map.of("accuracy", 0.98)));
 * LoadedModel loaded = ModelFile.load(path);           // rebuilt from the architecture
 * Tensor y = loaded.model().forward(x);                 // same output as model's, bit for bit
 * }</pre>
 *
 * <p>Writes are atomic (see {@link SafeTensors#write}). Reads validate everything: corrupt or
 * truncated bytes fail with a {@link SafeTensorsException} (file and byte offset), a wrong format,
 * version, architecture, provenance field or set of weights with a {@link ModelFileException}
 * (file and field). Nothing is loaded from a file that fails.
 */
public final class ModelFile {
    /** The value of the {@code format} metadata key. */
    public static final String FORMAT = "saraf-model";
    /** The version of the layout this saraf writes and reads. */
    public static final String FORMAT_VERSION = "1";
    /** The field named in errors about the tensors. */
    static final String WEIGHTS = "weights";

    private ModelFile() {}

    /** Saves {@code model}'s weights, architecture and {@code provenance} to {@code file}. */
    public static void save(Path file, Module model, Provenance provenance) throws IOException {
        save(file, model, provenance, Map.of(), null);
    }

    /** Saves as {@link #save(Path, Module, Provenance)} plus {@code optimizer}'s state, for resuming training. */
    public static void save(Path file, Module model, Provenance provenance, Optimizer optimizer) throws IOException {
        save(file, model, provenance, Map.of(), optimizer);
    }

    /**
     * Saves {@code model}'s state dict, its architecture, {@code provenance}, the caller's
     * {@code extra} metadata strings (e.g. {@code "class_names"}; keys may not be the format's own
     * nor start with {@code optim.}; may be empty) and, when {@code optimizer} is not null, its state.
     *
     * <p>A module that cannot describe itself (a custom module without {@code config()}) is saved
     * without an architecture: {@link #loadInto} reads it back into a module the caller builds,
     * {@link #load} reports that it cannot rebuild it.
     *
     * @throws IllegalArgumentException for a reserved extra key or a state-dict name starting with {@code optim.}
     */
    public static void save(Path file, Module model, Provenance provenance, Map<String, String> extra, Optimizer optimizer)
            throws IOException {
        Objects.requireNonNull(file, "ModelFile.save: file is null");
        Objects.requireNonNull(provenance, "ModelFile.save: provenance is null (use Provenance.now())");
        Objects.requireNonNull(extra, "ModelFile.save: extra is null (use Map.of())");
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
        for (String name : tensors.keySet()) {
            if (name.startsWith(ModelMetadata.OPTIM_PREFIX)) {
                throw new IllegalArgumentException("ModelFile.save: state-dict entry \"" + name + "\" starts with \""
                        + ModelMetadata.OPTIM_PREFIX + "\", which model files reserve for optimiser state (rename the child module)");
            }
        }
        Map<String, String> optimValues = Map.of();
        if (optimizer != null) {
            StateDict state = optimizer.stateDict();
            tensors.putAll(state.withPrefix(ModelMetadata.OPTIM_PREFIX).tensors());
            optimValues = state.values();
        }
        Map<String, String> metadata = new ModelMetadata(describeOrNull(model), provenance, extra, optimValues).encode();
        SafeTensors.write(file, tensors, metadata);
    }

    private static Map<String, Object> describeOrNull(Module model) {
        try {
            return Architecture.describe(model);
        } catch (IllegalArgumentException e) {
            return null; // a custom module: the weights alone are still worth saving, see save's Javadoc
        }
    }

    /**
     * Reads {@code file} and rebuilds its model from the architecture, weights loaded strictly,
     * in eval mode (call {@code train()} to resume training). Random layers (dropout) draw from a
     * generator seeded with the file's {@code seed}, or 0.
     */
    public static LoadedModel load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, with random layers (dropout) of the rebuilt model drawing from
     * {@code rng} (null: seeded from the file's {@code seed}, or 0).
     */
    public static LoadedModel load(Path file, RandomGenerator rng) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        ModelMetadata meta = ModelMetadata.decode(file, contents.metadata());
        Parts parts = split(file, contents, meta);
        if (meta.architecture() == null) {
            throw new ModelFileException(file, ModelMetadata.ARCHITECTURE, "missing: the model was saved from a module that "
                    + "cannot describe itself; build it yourself and use ModelFile.loadInto");
        }
        Module model;
        try {
            Long seed = meta.provenance().seed();
            model = Architecture.build(meta.architecture(), rng != null ? rng : new SplittableRandom(seed == null ? 0 : seed));
        } catch (RuntimeException e) {
            // Architecture reports unknown types and bad keys; a layer constructor may reject a value its own way.
            throw new ModelFileException(file, ModelMetadata.ARCHITECTURE, "cannot build the model: " + e.getMessage(), e);
        }
        loadWeights(file, model, parts.weights());
        model.eval();
        return new LoadedModel(file, model, meta.architecture(), meta.provenance(), meta.extra(), parts.optimizer());
    }

    /**
     * Reads {@code file} into {@code model}, which the caller built: every metadata field is
     * validated as by {@link #load(Path)}, then the weights are loaded strictly (every missing,
     * unexpected or mis-shaped entry is named, and nothing is loaded on error). The model's mode
     * is left as it was.
     */
    public static LoadedModel loadInto(Path file, Module model) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        ModelMetadata meta = ModelMetadata.decode(file, contents.metadata());
        Parts parts = split(file, contents, meta);
        loadWeights(file, model, parts.weights());
        return new LoadedModel(file, model, meta.architecture(), meta.provenance(), meta.extra(), parts.optimizer());
    }

    private record Parts(Map<String, Tensor> weights, StateDict optimizer) {}

    /** Separates the model's tensors from the optimiser's, which must come with the optimiser's values. */
    private static Parts split(Path file, SafeTensors.Contents contents, ModelMetadata meta) throws ModelFileException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> optim = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            if (e.getKey().startsWith(ModelMetadata.OPTIM_PREFIX)) {
                optim.put(e.getKey().substring(ModelMetadata.OPTIM_PREFIX.length()), e.getValue());
            } else {
                weights.put(e.getKey(), e.getValue());
            }
        }
        StateDict state = null;
        if (!optim.isEmpty() || !meta.optimizerValues().isEmpty()) {
            if (!meta.optimizerValues().containsKey("type")) {
                throw new ModelFileException(file, ModelMetadata.OPTIM_PREFIX + "type", "missing, though the file holds optimiser "
                        + "entries (" + String.join(", ", optim.isEmpty() ? meta.optimizerValues().keySet() : optim.keySet()) + ")");
            }
            state = new StateDict(optim, meta.optimizerValues());
        }
        return new Parts(weights, state);
    }

    private static void loadWeights(Path file, Module model, Map<String, Tensor> weights) throws ModelFileException {
        try {
            model.loadStateDict(weights, true);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, WEIGHTS, "do not fit the model: " + e.getMessage(), e);
        }
    }
}
