package dev.saraf.serve.oip;

import java.util.List;

/**
 * An Open Inference Protocol inference request, parsed and checked ({@link RequestParser}):
 * {@code {"id": ..., "parameters": {...}, "inputs": [...], "outputs": [{"name": ...}]}}.
 *
 * @param id      the request id to echo, or null
 * @param inputs  the inputs, at least one
 * @param outputs the names of the outputs asked for, or empty for all of them
 */
public record InferenceRequest(String id, List<InputTensor> inputs, List<String> outputs) {
    /** Copies the lists. */
    public InferenceRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
