package dev.saraf.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes every response the server sends, so that each is JSON (or the metrics text) and its
 * size is known to the access log.
 */
final class Replies {
    /** The context attribute holding the response body's size in bytes. */
    static final String BYTES = "saraf.bytes";

    private final ObjectMapper json;

    Replies(ObjectMapper json) {
        this.json = json;
    }

    /** Answers {@code status} with {@code body} as JSON. */
    void json(Context ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON", e);
        }
        send(ctx, status, "application/json", bytes);
    }

    /** Answers {@code status} with {@code {"error": message}}. */
    void error(Context ctx, int status, String message) {
        json(ctx, status, Map.of("error", message == null ? "error" : message));
    }

    /** Answers {@code status} with {@code text} of {@code contentType}. */
    void text(Context ctx, int status, String contentType, String text) {
        send(ctx, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Context ctx, int status, String contentType, byte[] bytes) {
        ctx.status(status);
        ctx.contentType(contentType);
        ctx.attribute(BYTES, bytes.length);
        ctx.result(bytes);
    }
}
