package dev.saraf.serve.registry;

import java.util.List;
import java.util.Objects;

/**
 * What a model version takes and gives, read from its model file at registration (see
 * {@code docs/registry.md}): the input shape from the extra metadata entry {@code input_shape}
 * (a JSON array without the batch axis) or else from the first layer of the architecture, the
 * output shape from the last layer with weights, and the class names from the extra entry
 * {@code class_names} (a JSON array of strings).
 *
 * @param inputs     the inputs (saraf models have one, named {@code "input"})
 * @param outputs    the outputs (one, named {@code "output"})
 * @param classNames the class names, index {@code i} naming output {@code i}, or empty when the file has none
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> classNames) {
    /** Copies the lists (read-only). */
    public ModelSignature {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
    }
}
