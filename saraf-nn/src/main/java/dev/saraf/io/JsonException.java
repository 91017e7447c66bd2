package dev.saraf.io;

/**
 * Malformed JSON text or a value that cannot be written as JSON. {@link #offset()} is the
 * character offset into the parsed text where the problem was found ({@code -1} when writing).
 */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    /** A problem at character {@code offset} of the text ({@code -1}: not tied to a position). */
    public JsonException(String message, int offset) {
        super(offset >= 0 ? message + " at offset " + offset : message);
        this.offset = offset;
    }

    /** Character offset of the problem in the parsed text, or {@code -1}. */
    public int offset() {
        return offset;
    }
}
