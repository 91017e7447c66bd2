package dev.saraf.serve.oip;

import dev.saraf.serve.ApiException;

/**
 * The Open Inference Protocol tensor datatypes saraf accepts as inputs: {@code FP32} (the models'
 * own type), {@code FP64} (narrowed), and the integer types a client sends pixels in, each checked
 * to be whole and within its range. Integer inputs are raw values: the server applies the model's
 * recorded preprocessing (e.g. pixels / 255) to them.
 */
public enum Datatype {
    /** 32-bit float: used as given. */
    FP32(false, -Double.MAX_VALUE, Double.MAX_VALUE),
    /** 64-bit float: narrowed to float32, which must stay finite. */
    FP64(false, -Double.MAX_VALUE, Double.MAX_VALUE),
    /** Unsigned 8-bit integer, 0..255: pixels. */
    UINT8(true, 0, 255),
    /** Signed 8-bit integer. */
    INT8(true, -128, 127),
    /** Unsigned 16-bit integer. */
    UINT16(true, 0, 65535),
    /** Signed 16-bit integer. */
    INT16(true, -32768, 32767),
    /** Signed 32-bit integer. */
    INT32(true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Unsigned 32-bit integer. */
    UINT32(true, 0, 4294967295.0),
    /** Signed 64-bit integer (values beyond 2^53 lose precision as they would in float32 anyway). */
    INT64(true, -9.223372036854776E18, 9.223372036854776E18),
    /** Unsigned 64-bit integer. */
    UINT64(true, 0, 1.8446744073709552E19);

    private final boolean integer;
    private final double min;
    private final double max;

    Datatype(boolean integer, double min, double max) {
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** True for the integer types, whose values are raw (e.g. pixels) and get the model's preprocessing. */
    public boolean isInteger() {
        return integer;
    }

    /**
     * The datatype named {@code name} (case-sensitive, as the protocol says).
     *
     * @throws ApiException 400 naming the accepted datatypes
     */
    public static Datatype parse(String name, String input) {
        for (Datatype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw ApiException.badRequest("input \"" + input + "\": datatype " + Protocol.quote(name)
                + " is not supported; use FP32 (or FP64, UINT8, INT8, UINT16, INT16, INT32, UINT32, INT64, UINT64 for raw values such as pixels)");
    }

    /**
     * Converts {@code values[0..count)} to float32 after checking each against this type.
     *
     * @throws ApiException 400 naming the input and the index of the first bad value
     */
    public float[] toFloats(double[] values, int count, String input) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (integer && (v != Math.rint(v) || v < min || v > max)) {
                throw ApiException.badRequest("input \"" + input + "\": data[" + i + "] = " + v + " is not a valid "
                        + name() + " (a whole number in " + (long) min + ".." + (long) max + ")");
            }
            float f = (float) v;
            if (!Float.isFinite(f)) {
                throw ApiException.badRequest("input \"" + input + "\": data[" + i + "] = " + v
                        + " is not a finite float32");
            }
            out[i] = f;
        }
        return out;
    }
}
