package dev.saraf.cli;

/**
 * A failure the user can fix, reported as its message alone (one line, no stack trace): a missing
 * file, a model that does not fit the data, an option value out of range.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A failure with exit code {@link Saraf#FAILURE}. */
    CliException(String message) {
        this(message, Saraf.FAILURE, null);
    }

    /** A failure with exit code {@link Saraf#FAILURE} caused by {@code cause} (shown with --debug). */
    CliException(String message, Throwable cause) {
        this(message, Saraf.FAILURE, cause);
    }

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A bad option value, exit code {@link Saraf#USAGE_ERROR}. */
    static CliException usage(String message) {
        return new CliException(message, Saraf.USAGE_ERROR, null);
    }

    /** The process exit code. */
    int exitCode() {
        return exitCode;
    }
}
