package dev.saraf.serve.registry;

import java.util.Objects;

/**
 * A registry operation that failed, with a {@link Kind} a server maps to an HTTP status
 * (NOT_FOUND 404, INVALID 400, CORRUPT and STORAGE 500) and a message that names the model,
 * version or field at fault. Never carries request bytes or file paths of the caller's choosing.
 */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can answer without parsing messages. */
    public enum Kind {
        /** The model or version does not exist (or was deleted). */
        NOT_FOUND,
        /** The request is wrong: bad model name, bad stage, a model file that fails validation. */
        INVALID,
        /** A stored blob is missing or its SHA-256 does not match the database: the store was damaged outside saraf. */
        CORRUPT,
        /** The database or the disk failed (I/O error, unreachable server, home used by another process). */
        STORAGE
    }

    private final Kind kind;

    /** An error of {@code kind} with {@code message}. */
    public RegistryException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** An error of {@code kind} with {@code message} and its {@code cause}. */
    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
