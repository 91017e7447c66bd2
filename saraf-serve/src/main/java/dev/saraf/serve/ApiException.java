package dev.saraf.serve;

/**
 * A request the server refuses: answered with {@code status} and {@code {"error": message}}. The
 * message is for the client, so it never holds stack traces or server file paths.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal with HTTP {@code status} and a message saying what is wrong and what is accepted. */
    public ApiException(int status, String message) {
        super(message, null, false, false); // no stack trace: these are expected answers, not bugs
        this.status = status;
    }

    /** 400 Bad Request. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404 Not Found. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
