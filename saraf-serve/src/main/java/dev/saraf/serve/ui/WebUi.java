package dev.saraf.serve.ui;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web UI: a single page at {@code /} (dashboard, drawing pad, playground; plain HTML, CSS and
 * JavaScript, nothing fetched from outside the server) and its files under {@code /ui/}, read from
 * the class path ({@code dev/saraf/serve/ui/}), plus the {@link Playground}'s endpoints.
 *
 * <p>Only names of the form {@code [a-z0-9-]+.(html|css|js|svg)} are looked up, so no request
 * path reaches the class-path lookup beyond one plain file name.
 *
 * <pre>{@code
 * Javalin.create(c -> WebUi.routes(c.routes));
 * }</pre>
 */
public final class WebUi {
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]{1,40}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css",
            "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    private static final String BASE = "/dev/saraf/serve/ui/";

    private WebUi() {}

    /** Registers {@code GET /}, {@code GET /ui/{file}} and the playground's endpoints on {@code routes}. */
    public static void routes(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "index.html"));
        routes.get("/favicon.ico", ctx -> ctx.status(204));
        routes.get("/ui/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
        new Playground().register(routes);
    }

    private static void serve(Context ctx, String name) {
        if (!FILE.matcher(name).matches()) {
            throw new NotFoundResponse("no such file in the web UI");
        }
        byte[] bytes;
        try (InputStream in = WebUi.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new NotFoundResponse("no such file in the web UI: " + name);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        // everything the page loads comes from this server; inline script and frames are refused
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
        ctx.contentType(TYPES.get(ext)).result(bytes);
    }
}
