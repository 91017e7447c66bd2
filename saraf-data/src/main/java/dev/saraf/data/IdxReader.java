package dev.saraf.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or raw: gzip
 * is recognised by its magic bytes {@code 1f 8b}, not by the file name.
 *
 * <p>Layout (big-endian): bytes 0-1 zero, byte 2 the data type ({@code 0x08} = unsigned byte),
 * byte 3 the number of dimensions, then one 4-byte size per dimension, then the data. The reader
 * checks all of it: magic, type, the number of dimensions expected, sizes, and that the data is
 * exactly as long as the header promises. Errors name the file and the byte offset (in the
 * uncompressed stream), e.g. {@code "train-images-idx3-ubyte.gz: truncated at byte 7,840,016:
 * header promises 60000 images of 28x28"}.
 */
public final class IdxReader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {}

    /** Reads an image file: magic {@code 0x00000803}, dimensions {@code [N, rows, cols]}. */
    public static IdxFile readImages(Path file) {
        return read(file, 3);
    }

    /** Reads a label file: magic {@code 0x00000801}, dimensions {@code [N]}. */
    public static IdxFile readLabels(Path file) {
        return read(file, 1);
    }

    /**
     * Reads an IDX file of unsigned bytes.
     *
     * @param expectedDims the number of dimensions the file must have, or -1 for any
     * @throws DataException naming the file and offset when it is missing or malformed
     */
    public static IdxFile read(Path file, int expectedDims) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(name, in, expectedDims);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX file of unsigned bytes from a stream (which it does not close).
     *
     * @param fileName     the name to use in messages
     * @param expectedDims the number of dimensions the file must have, or -1 for any
     * @throws DataException naming the file and offset when the content is malformed
     */
    public static IdxFile read(String fileName, InputStream raw, int expectedDims) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = b0 == GZIP_MAGIC_1 && b1 == GZIP_MAGIC_2 ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return parse(fileName, in, expectedDims);
        } catch (EOFException e) {
            throw new DataException(fileName + ": truncated gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(fileName + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxFile parse(String name, InputStream in, int expectedDims) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(name + ": truncated at byte " + magic.length + ": an IDX header needs at least 4 bytes");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: byte 0: not an IDX file (magic number starts %02x %02x, expected 00 00)", name,
                    magic[0] & 0xFF, magic[1] & 0xFF));
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: byte 2: expected data type 0x08 (unsigned byte), found 0x%02x (%s)", name, type, typeName(type)));
        }
        int rank = magic[3] & 0xFF;
        if (expectedDims >= 0 && rank != expectedDims) {
            throw new DataException(name + ": byte 3: expected " + expectedDims + " dimension"
                    + (expectedDims == 1 ? "" : "s") + ", found " + rank);
        }
        if (rank == 0) {
            throw new DataException(name + ": byte 3: an IDX file needs at least 1 dimension, found 0");
        }
        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) {
            throw new DataException(name + ": truncated at byte " + (4 + header.length) + ": the header promises "
                    + rank + " dimension sizes");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            int d = ((header[4 * i] & 0xFF) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
                    | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
            if (d < 0) {
                throw new DataException(name + ": byte " + (4 + 4 * i) + ": dimension " + i + " has size "
                        + Integer.toUnsignedString(d) + ", more than 2^31-1");
            }
            dims[i] = d;
            total *= d;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new DataException(name + ": byte 4: the header promises " + total
                    + " bytes of data, more than a Java array holds");
        }
        long headerBytes = 4 + 4L * rank;
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new DataException(String.format(Locale.ROOT, "%s: truncated at byte %,d: header promises %s", name,
                    headerBytes + data.length, promise(dims)));
        }
        if (in.read() != -1) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: byte %,d: more data after the end; header promises only %s", name, headerBytes + total,
                    promise(dims)));
        }
        return new IdxFile(name, dims, data);
    }

    private static String promise(int[] dims) {
        if (dims.length == 1) {
            return dims[0] + " labels";
        }
        if (dims.length == 3) {
            return dims[0] + " images of " + dims[1] + "x" + dims[2];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb + " bytes";
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown type";
        };
    }
}
