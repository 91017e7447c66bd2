package dev.saraf.data;

/**
 * A data set cannot be found, read or understood. The message names the file (and where it helps
 * the byte offset, row or column) and reads as one line for a command-line user.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming what is wrong. */
    public DataException(String message) {
        super(message);
    }

    /** An error with a message naming what is wrong, and its cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
