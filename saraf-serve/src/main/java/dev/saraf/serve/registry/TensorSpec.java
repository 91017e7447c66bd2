package dev.saraf.serve.registry;

import java.util.List;
import java.util.Objects;

/**
 * One input or output tensor of a model version, as the Open Inference Protocol's model metadata
 * lists it: {@code {"name": "input", "datatype": "FP32", "shape": [-1, 1, 28, 28]}}.
 *
 * @param name     the tensor's name ({@code "input"}, {@code "output"})
 * @param datatype the OIP datatype; saraf models take and give {@code "FP32"}
 * @param shape    the shape, batch axis first; {@code -1} marks a variable size (always the batch axis,
 *                 and any axis the model file does not pin down)
 */
public record TensorSpec(String name, String datatype, List<Long> shape) {
    /** Checks for nulls and copies the shape (read-only). */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        shape = List.copyOf(shape);
    }
}
