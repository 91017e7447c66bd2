package dev.saraf.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.io.Provenance;
import dev.saraf.serve.oip.Protocol;
import dev.saraf.serve.oip.RequestParser;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.jobs.DatasetStore;
import dev.saraf.serve.jobs.JobStore;
import dev.saraf.serve.jobs.Jobs;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.ui.WebUi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saraf model server: the Open Inference Protocol (KServe v2) over REST, the registry's
 * management API, {@code /metrics} for Prometheus, on Javalin (Jetty 12).
 *
 * <pre>{@code
 * try (SarafServer server = SarafServer.start(ServerConfig.defaults(home).withAddress("127.0.0.1", 8080))) {
 *     server.join();                 // until close() or the JVM's shutdown
 * }
 * }</pre>
 *
 * <p>Every request gets one access-log line ({@code saraf.access}: method, path, route, status,
 * milliseconds, bytes); every refused request gets {@code {"error": "..."}} with its status, and no
 * request can stop the server. {@link #close()} stops accepting connections, lets the requests in
 * flight finish (up to the configured stop timeout), then unloads the models and closes the registry.
 */
public final class SarafServer implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("saraf.access");
    private static final Logger LOG = LoggerFactory.getLogger(SarafServer.class);

    private final Javalin app;
    private final Registry registry;
    private final boolean ownsRegistry;
    private final ModelHost host;
    private final Jobs jobs;
    private volatile boolean stopping;

    private SarafServer(ServerConfig config, Registry registry, boolean ownsRegistry) {
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        ObjectMapper json = Protocol.mapper();
        Replies replies = new Replies(json);
        ModelHost[] hostRef = new ModelHost[1];
        Metrics metrics = new Metrics(() -> hostRef[0].loaded());
        this.host = new ModelHost(registry.models(), config, json, metrics);
        hostRef[0] = host;
        Auth auth = new Auth(registry.tokens());
        String version = Provenance.now().sarafVersion();
        InferenceRoutes inference = new InferenceRoutes(registry.models(), host, new RequestParser(json), replies, config,
                metrics, version, () -> !stopping);
        ManagementRoutes management = new ManagementRoutes(registry.models(), host, auth, replies, json, config);
        this.jobs = new Jobs(config.home(), JobStore.open(config.home(), config.databaseUrl()),
                (name, file, job) -> registry.models().register(name, file, job).version(),
                new DatasetStore(config.home().resolve("datasets"), config.maxUploadBytes(), 4 * config.maxUploadBytes()),
                Jobs.Config.defaults());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = Math.max(config.maxBodyBytes(), config.maxUploadBytes());
            c.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(config.maxBodyBytes(), Integer.MAX_VALUE),
                    io.javalin.config.SizeUnit.BYTES);
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(config.stopTimeout().toMillis());
                // Jetty 12 finishes requests in flight at stop only behind a GracefulHandler
                server.setHandler(new GracefulHandler(server.getHandler()));
            });
            c.requestLogger.http((ctx, ms) -> {
                String route = route(ctx);
                Integer bytes = ctx.attribute(Replies.BYTES);
                metrics.request(ctx.method().name(), route, ctx.statusCode(), ms / 1000.0);
                ACCESS.info("method={} path=\"{}\" route=\"{}\" status={} ms={} bytes={} remote={}", ctx.method().name(),
                        clean(ctx.path()), route, ctx.statusCode(), String.format(Locale.ROOT, "%.2f", ms),
                        bytes == null ? 0 : bytes, ctx.ip());
            });
            if (config.inferenceAuth()) {
                c.routes.before("/v2/models/*", auth::require);
            }
            inference.register(c.routes);
            management.register(c.routes);
            jobs.routes(c.routes, auth::require);
            WebUi.routes(c.routes);
            c.routes.get("/metrics", ctx -> replies.text(ctx, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.render()));
            c.routes.exception(ApiException.class, (e, ctx) -> refuse(replies, ctx, e.status(), e.getMessage()));
            c.routes.exception(RegistryException.class, (e, ctx) -> {
                int status = ManagementRoutes.status(e);
                if (status >= 500) {
                    LOG.error("registry error on {} {}", ctx.method(), clean(ctx.path()), e);
                }
                refuse(replies, ctx, status, e.getMessage());
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(replies, ctx, e.getStatus(),
                    e.getStatus() == 413 ? "request body too large" : e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), clean(ctx.path()), e);
                replies.error(ctx, 500, "internal error (see the server log)");
            });
            c.routes.error(404, ctx -> {
                if (ctx.attribute(Replies.BYTES) == null) {
                    replies.error(ctx, 404, "no such endpoint: " + ctx.method().name() + " " + clean(ctx.path()));
                }
            });
            c.routes.error(405, ctx -> {
                if (ctx.attribute(Replies.BYTES) == null) {
                    replies.error(ctx, 405, "method " + ctx.method().name() + " not allowed on " + clean(ctx.path()));
                }
            });
        });
    }

    /**
     * The error reply for a refused request; a body refused with 413 is drained first
     * ({@link RequestBodies#drainRefused}), whichever route refused it.
     */
    private static void refuse(Replies replies, Context ctx, int status, String message) {
        if (status == 413) {
            RequestBodies.drainRefused(ctx);
        }
        replies.error(ctx, status, message);
    }

    /** The route template that answered (a fixed set, so metrics labels stay bounded). */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpoint().path;
            return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** A request path fit for a log line or an error: shortened, no control characters or quotes. */
    static String clean(String path) {
        String p = path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return p.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
    }

    /**
     * Opens the registry of {@code config.home()} (SQLite there, or the PostgreSQL database of
     * {@code config.databaseUrl()}) and starts serving.
     */
    public static SarafServer start(ServerConfig config) {
        Registry registry = Registry.open(config.home(), config.databaseUrl());
        try {
            return start(config, registry, true);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** Starts serving {@code registry}, which the caller keeps and closes after {@link #close()}. */
    public static SarafServer start(ServerConfig config, Registry registry) {
        return start(config, registry, false);
    }

    private static SarafServer start(ServerConfig config, Registry registry, boolean owns) {
        SarafServer server = new SarafServer(config, registry, owns);
        server.app.start();
        server.jobs.start();
        return server;
    }

    /** The TCP port the server listens on (the chosen one when the configuration said 0). */
    public int port() {
        return app.port();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /**
     * Stops: readiness turns false, new connections are refused, requests in flight finish (up to
     * the stop timeout), then the models are unloaded and the registry closed (when this server opened it).
     */
    @Override
    public void close() {
        stopping = true;
        try {
            jobs.close(); // first: it ends the jobs' event streams, which app.stop() would otherwise wait for
            app.stop();
        } finally {
            host.close();
            if (ownsRegistry) {
                registry.close();
            }
        }
    }
}
