package dev.saraf.serve.engine;

import java.util.List;

/**
 * One input or output of a served model as the protocol's model metadata lists it.
 *
 * @param name     e.g. {@code "input"}, {@code "probabilities"}
 * @param datatype e.g. {@code "FP32"}, {@code "INT64"}
 * @param shape    batch axis first as {@code -1}; {@code -1} also for any size the model does not fix
 */
public record IoSpec(String name, String datatype, List<Integer> shape) {
    /** Copies the shape. */
    public IoSpec {
        shape = List.copyOf(shape);
    }
}
