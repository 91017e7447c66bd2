package dev.saraf.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file bytes for tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** An IDX file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** {@code bytes} gzipped. */
    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} images of {@code rows x cols} whose pixel {@code p} of image {@code i} is {@code (i * 31 + p * 7) & 0xFF}. */
    static byte[] images(int n, int rows, int cols) {
        byte[] d = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                d[i * rows * cols + p] = (byte) (i * 31 + p * 7);
            }
        }
        return idx(new int[] {n, rows, cols}, d);
    }

    /** {@code n} labels {@code i % classes}. */
    static byte[] labels(int n, int classes) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i % classes);
        }
        return idx(new int[] {n}, d);
    }
}
