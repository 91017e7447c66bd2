package dev.saraf.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saraf model file that is a valid safetensors file but not a valid model: not a saraf model,
 * an unsupported format version, a malformed or unknown architecture, a provenance field that does
 * not parse, or weights that do not fit the architecture. The message names the file, the field
 * ({@code architecture}, {@code weights}, ...) and the problem. Files whose bytes are corrupt or
 * truncated fail earlier with a {@link SafeTensorsException} naming the byte offset.
 */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /** A problem with {@code field} (a metadata key, or {@code "weights"}) of {@code file}. */
    public ModelFileException(Path file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
        this.file = file;
        this.field = field;
    }

    /** A problem with {@code field} of {@code file}, caused by {@code cause}. */
    public ModelFileException(Path file, String field, String problem, Throwable cause) {
        this(file, field, problem);
        initCause(cause);
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** The metadata key at fault, or {@code "weights"} for the tensors. */
    public String field() {
        return field;
    }
}
