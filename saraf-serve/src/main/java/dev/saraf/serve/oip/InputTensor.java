package dev.saraf.serve.oip;

/**
 * One input tensor of an inference request, parsed and checked: its data agrees with its shape
 * and datatype, and every value is a finite float32.
 *
 * @param name       the input's name
 * @param shape      its shape, batch axis first, every size positive
 * @param datatype   the datatype the client sent
 * @param data       the values, row-major, converted to float32 (raw: no preprocessing applied yet)
 * @param raw        true when the values are raw (integer datatypes, or {@code parameters.raw = true})
 *                   and so need the model's recorded preprocessing
 */
public record InputTensor(String name, long[] shape, Datatype datatype, float[] data, boolean raw) {}
