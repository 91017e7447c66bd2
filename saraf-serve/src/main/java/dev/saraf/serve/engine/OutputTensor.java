package dev.saraf.serve.engine;

/**
 * One output of an inference, ready for the response.
 *
 * @param name     its name
 * @param datatype {@code FP32} (data is a {@code float[]}) or {@code INT64} (a {@code long[]})
 * @param shape    its shape, batch axis first
 * @param data     the values, row-major
 */
public record OutputTensor(String name, String datatype, long[] shape, Object data) {}
