package dev.saraf.serve.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.io.ModelFile;
import dev.saraf.serve.RequestBodies;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A jobs service over real HTTP for tests: Javalin with the jobs routes behind a fixed token,
 * refusals answered as {@code {"error": ...}} as the server does, and a model sink that checks
 * each registered file loads and numbers the versions.
 */
final class JobsHarness implements AutoCloseable {
    static final String TOKEN = "saraf_test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final Jobs jobs;
    final Javalin app;
    final List<String> registered = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    JobsHarness(Path home, int workers) {
        this.home = home;
        ModelSink sink = (name, file, job) -> {
            try {
                ModelFile.load(file); // a registry validates the file in full; so does this stand-in
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            registered.add(name);
            return registered.size();
        };
        this.jobs = new Jobs(home, JobStore.open(home, null), sink, new DatasetStore(home.resolve("datasets"), 1 << 20, 8 << 20),
                new Jobs.Config(workers, 1, 10));
        jobs.start();
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            jobs.routes(c.routes, ctx -> {
                if (!("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
                    throw new UnauthorizedResponse("this endpoint needs an API token");
                }
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 413) { // as the server's own handler does (SarafServer.refuse)
                    RequestBodies.drainRefused(ctx);
                }
                ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
            });
        }).start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    HttpResponse<String> send(String method, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String kind, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url("/api/datasets?kind=" + kind)))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body, true);
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A server-sent event as read off the wire. */
    record Event(String name, JsonNode data) {}

    /**
     * Reads the job's event stream until {@code until} accepts an event (or the stream ends);
     * returns every event read.
     */
    List<Event> events(String id, Predicate<Event> until) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url("/api/jobs/" + id + "/events")))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        HttpResponse<Stream<String>> res = http.send(r, HttpResponse.BodyHandlers.ofLines());
        if (res.statusCode() != 200) {
            throw new AssertionError("events answered " + res.statusCode());
        }
        List<Event> seen = new ArrayList<>();
        try (Stream<String> lines = res.body()) {
            String name = null;
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    Event e = new Event(name, JSON.readTree(line.substring(6)));
                    seen.add(e);
                    if (until.test(e)) {
                        break;
                    }
                }
            }
        }
        return seen;
    }

    /** Polls the job until it is in a finished state (at most {@code seconds}). */
    JsonNode awaitFinished(String id, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode j = json("GET", "/api/jobs/" + id, null);
            if (JobState.of(j.get("state").asText()).finished()) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish in " + seconds + " s");
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
