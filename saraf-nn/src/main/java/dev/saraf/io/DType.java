package dev.saraf.io;

/**
 * The safetensors element types saraf reads. Tensors are float32 in saraf, so F32 is read as is
 * and written; F16, BF16 and F64 are widened or narrowed to float32 on read.
 */
enum DType {
    F32(4),
    F16(2),
    BF16(2),
    F64(8);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** The type named {@code name} in a header, or {@code null} when saraf does not read it. */
    static DType parse(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
