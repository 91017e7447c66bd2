package dev.saraf.data;

import java.util.Arrays;

/**
 * The content of an IDX file of unsigned bytes: its dimensions and its values in row-major order.
 *
 * @param fileName the file it was read from, for messages
 * @param dims     dimensions from the header, e.g. {@code [60000, 28, 28]} or {@code [60000]}
 * @param data     {@code product(dims)} unsigned bytes (read with {@code & 0xFF})
 */
public record IdxFile(String fileName, int[] dims, byte[] data) {
    /** Number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Bytes per item: the product of the dimensions after the first. */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    @Override
    public String toString() {
        return "IdxFile[" + fileName + ", dims=" + Arrays.toString(dims) + "]";
    }
}
