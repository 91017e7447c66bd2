package dev.saraf.io;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> file
 * format, so that any safetensors reader (Python's {@code safetensors.torch.load_file}, the Rust
 * crate, ...) opens saraf's files and saraf opens theirs.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON, {@code {"__metadata__": {string: string}, name: {"dtype": "F32", "shape": [...],
 * "data_offsets": [begin, end]}, ...}}, padded with spaces to a multiple of 8 bytes; then the data
 * section, each tensor's elements row-major and little-endian at {@code [begin, end)} relative to
 * the section's start.
 *
 * <p>As the reference writer does, tensors are stored in name order, {@code __metadata__} first
 * (omitted when empty), compact JSON. Writes are atomic: the file is written to a temporary file
 * in the same directory, forced to disk, and renamed over the target, so a crash leaves either the
 * old file or the new one, never half of one.
 *
 * <p>Reads validate everything (see {@link SafeTensorsException}) before allocating tensor data.
 * F32 is read as is; F16, BF16 and F64 are converted to float32.
 *
 * <p>In Python: {@code from safetensors.torch import load_file; w = load_file("model.safetensors")},
 * and {@code safe_open(path, "pt").metadata()} gives the metadata strings.
 */
public final class SafeTensors {
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensors() {}

    /**
     * The content of a file: tensors in data order, and the {@code __metadata__} strings.
     *
     * @param tensors  name to tensor (each a fresh leaf tensor that does not require grad)
     * @param metadata the free-form string metadata (empty when the file has none)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Read-only views of the maps. */
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * Writes {@code tensors} (float32, any shape) and {@code metadata} to {@code file}, atomically.
     * Names may be any string but {@code "__metadata__"}.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        TreeMap<String, Tensor> sorted = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "safetensors: a tensor name is null");
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: \"" + name + "\" is reserved and cannot name a tensor");
            }
            sorted.put(name, Objects.requireNonNull(e.getValue(), () -> "safetensors: tensor \"" + name + "\" is null"));
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("safetensors: metadata keys and values must not be null, found "
                        + e.getKey() + " = " + e.getValue());
            }
        }
        byte[] header = header(sorted, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the model file.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        boolean done = false;
        try {
            try (FileChannel ch = channel) {
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(header.length);
                writeBytes(ch, buf, header);
                for (Tensor t : sorted.values()) {
                    writeFloats(ch, buf, t.data());
                }
                flush(ch, buf);
                ch.force(true);
            }
            move(tmp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** Writes {@code tensors} with no metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Reads and validates {@code file}. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsException(file, 0, "file is " + size + " bytes long, too short for the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lengthBytes, 0, file);
            long n = lengthBytes.getLong(0);
            if (n < 0 || n > SafeTensorsHeader.MAX_HEADER_BYTES) {
                throw new SafeTensorsException(file, 0, "header length " + Long.toUnsignedString(n) + " exceeds the "
                        + SafeTensorsHeader.MAX_HEADER_BYTES + "-byte limit");
            }
            if (n > size - 8) {
                throw new SafeTensorsException(file, 0, "header length " + n + " runs past the end of the file (only "
                        + (size - 8) + " bytes follow the length)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(ch, headerBytes, 8, file);
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, headerBytes.array(), size);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (SafeTensorsHeader.Entry e : header.entries()) {
                float[] data = new float[e.numel()];
                readElements(ch, buf, header.dataStart() + e.begin(), e.dtype(), data, file);
                tensors.put(e.name(), Tensor.wrap(data, Shape.of(e.shape())));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    /** The padded JSON header of the given (name-sorted) tensors. */
    static byte[] header(Map<String, Tensor> sorted, Map<String, String> metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            json.put(SafeTensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            List<Object> shape = new ArrayList<>();
            for (int d : e.getValue().dims()) {
                shape.add(d);
            }
            info.put("shape", shape);
            long bytes = 4L * e.getValue().numel();
            info.put("data_offsets", List.of(offset, offset + bytes));
            offset += bytes;
            json.put(e.getKey(), info);
        }
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        byte[] out = new byte[padded];
        System.arraycopy(text, 0, out, 0, text.length);
        java.util.Arrays.fill(out, text.length, padded, (byte) ' ');
        return out;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Only on file systems without rename (rare); the file is complete either way.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; not every platform can open a directory, which only costs durability. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort, see above
        }
    }

    private static void writeBytes(FileChannel ch, ByteBuffer buf, byte[] bytes) throws IOException {
        int pos = 0;
        while (pos < bytes.length) {
            if (!buf.hasRemaining()) {
                flush(ch, buf);
            }
            int n = Math.min(buf.remaining(), bytes.length - pos);
            buf.put(bytes, pos, n);
            pos += n;
        }
    }

    private static void writeFloats(FileChannel ch, ByteBuffer buf, float[] data) throws IOException {
        int pos = 0;
        while (pos < data.length) {
            if (buf.remaining() < 4) {
                flush(ch, buf);
            }
            int n = Math.min(buf.remaining() / 4, data.length - pos);
            buf.asFloatBuffer().put(data, pos, n);
            buf.position(buf.position() + 4 * n);
            pos += n;
        }
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    private static void readElements(FileChannel ch, ByteBuffer buf, long at, DType dtype, float[] out, Path file)
            throws IOException {
        int size = dtype.size();
        int perChunk = buf.capacity() / size;
        int done = 0;
        while (done < out.length) {
            int n = Math.min(perChunk, out.length - done);
            buf.clear().limit(n * size);
            readFully(ch, buf, at + (long) done * size, file);
            buf.flip();
            switch (dtype) {
                case F32 -> buf.asFloatBuffer().get(out, done, n);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = (float) buf.getDouble(8 * i);
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = Float.float16ToFloat(buf.getShort(2 * i));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = Float.intBitsToFloat((buf.getShort(2 * i) & 0xffff) << 16);
                    }
                }
            }
            done += n;
        }
    }

    /** Fills {@code buf} from file offset {@code at}; a file that shrank under us is reported, not looped on. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long at, Path file) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new SafeTensorsException(file, pos, "unexpected end of file (was it truncated while being read?)");
            }
            pos += r;
        }
    }
}
