package dev.saraf.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be read because its content is wrong: truncated, corrupt, or
 * not what its header promises. The message names the file, the offending field and, where one
 * applies, the byte offset in the file ({@link #byteOffset()}).
 */
public final class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long byteOffset;

    /** A problem in {@code file} at byte {@code byteOffset} of the file ({@code -1}: the file as a whole). */
    public SafeTensorsException(Path file, long byteOffset, String problem) {
        super(file + ": " + problem + (byteOffset >= 0 ? " (at byte " + byteOffset + ")" : ""));
        this.file = file;
        this.byteOffset = byteOffset;
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** Offset from the start of the file where the problem lies, or {@code -1}. */
    public long byteOffset() {
        return byteOffset;
    }
}
