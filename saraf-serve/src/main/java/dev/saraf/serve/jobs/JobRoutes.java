package dev.saraf.serve.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The jobs API, every endpoint behind the token check:
 * {@code POST /api/jobs}, {@code GET /api/jobs}, {@code GET /api/jobs/{id}},
 * {@code GET /api/jobs/{id}/events} (server-sent events), {@code DELETE /api/jobs/{id}},
 * {@code POST /api/datasets?kind=csv|zip} (the body is the file) and {@code GET /api/datasets}.
 * Refusals are Javalin's {@link HttpResponseException}s, which the server answers as {@code {"error": ...}}.
 */
final class JobRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A stream that has seen no event for this long sends a comment, so proxies keep it open. */
    private static final long KEEPALIVE_SECONDS = 15;

    private final Jobs jobs;
    private final Consumer<Context> requireToken;

    JobRoutes(Jobs jobs, Consumer<Context> requireToken) {
        this.jobs = jobs;
        this.requireToken = requireToken;
    }

    void register(RoutesConfig r) {
        r.post("/api/jobs", ctx -> {
            requireToken.accept(ctx);
            JobSpec spec;
            try {
                spec = JobSpec.parse(readJson(ctx));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
            Job job;
            try {
                job = jobs.submit(spec);
            } catch (IllegalStateException e) {
                throw new HttpResponseException(jobs.stopping() ? 503 : 429, e.getMessage());
            }
            reply(ctx, 201, job.toMap());
        });
        r.get("/api/jobs", ctx -> {
            requireToken.accept(ctx);
            List<Map<String, Object>> list = new ArrayList<>();
            for (Job j : jobs.list()) {
                Map<String, Object> m = j.toMap();
                m.remove("epochs"); // the list stays small; GET /api/jobs/{id} has them
                list.add(m);
            }
            reply(ctx, 200, Map.of("jobs", list));
        });
        r.get("/api/jobs/{id}", ctx -> {
            requireToken.accept(ctx);
            reply(ctx, 200, job(ctx).toMap());
        });
        r.delete("/api/jobs/{id}", ctx -> {
            requireToken.accept(ctx);
            reply(ctx, 200, jobs.cancel(job(ctx)).toMap());
        });
        r.get("/api/jobs/{id}/events", ctx -> {
            requireToken.accept(ctx);
            stream(ctx, job(ctx));
        });
        r.post("/api/datasets", ctx -> {
            requireToken.accept(ctx);
            String kind = ctx.queryParam("kind");
            if (kind == null) {
                String type = String.valueOf(ctx.contentType());
                kind = type.contains("zip") ? "zip" : type.contains("csv") ? "csv" : null;
            }
            if (kind == null) {
                throw new BadRequestResponse("say what the upload is: ?kind=csv or ?kind=zip (or Content-Type text/csv, application/zip)");
            }
            long declared = ctx.contentLength();
            if (declared > jobs.datasets().maxUploadBytes()) {
                throw new HttpResponseException(413, "the upload is larger than " + jobs.datasets().maxUploadBytes() + " bytes");
            }
            try (InputStream in = ctx.bodyInputStream()) {
                reply(ctx, 201, jobs.datasets().upload(kind, in));
            } catch (IllegalArgumentException e) {
                boolean tooLarge = e.getMessage().contains("larger than the limit");
                throw new HttpResponseException(tooLarge ? 413 : 400, e.getMessage());
            }
        });
        r.get("/api/datasets", ctx -> {
            requireToken.accept(ctx);
            reply(ctx, 200, Map.of("datasets", jobs.datasets().list()));
        });
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.get(id).orElseThrow(() -> new NotFoundResponse("no job " + (id.length() > 40 ? id.substring(0, 40) + "..." : id)
                .replaceAll("[^\\w .:-]", "?")));
    }

    /**
     * Server-sent events: first the job's state and the epochs so far, then its events as they
     * happen, until it finishes, the client goes away or the server stops. A slow client that lets
     * 1024 events pile up loses the oldest batch events, never the training.
     */
    private void stream(Context ctx, Job job) throws IOException {
        BlockingQueue<JobEvent> queue = new ArrayBlockingQueue<>(1024);
        Runnable unlisten = job.listen(e -> {
            while (!queue.offer(e)) {
                queue.poll();
            }
        });
        try {
            ctx.status(200);
            ctx.contentType("text/event-stream; charset=utf-8");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            send(out, job.stateEvent());
            for (Map<String, Object> e : job.epochs()) {
                send(out, new JobEvent("epoch", e));
            }
            out.flush();
            if (job.state().finished()) {
                return;
            }
            while (true) {
                JobEvent e = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (e == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (e.name().equals("close")) {
                    return;
                } else {
                    send(out, e);
                    if (e.name().equals("state") && job.state().finished()) {
                        out.flush();
                        return;
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            unlisten.run();
        }
    }

    private static void send(OutputStream out, JobEvent e) throws IOException {
        String text = "event: " + e.name() + "\ndata: " + JSON.writeValueAsString(e.data()) + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A job request is small: read at most this much of its body, whatever the server's upload limit. */
    static final int MAX_JSON_BYTES = 1 << 20;

    private static JsonNode readJson(Context ctx) {
        try {
            return JSON.readTree(smallBody(ctx, MAX_JSON_BYTES));
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestResponse("cannot read the request body: " + e.getMessage());
        }
    }

    /** The body as bytes, refused with 413 past {@code limit} (declared or counted while read). */
    static byte[] smallBody(Context ctx, int limit) {
        if (ctx.contentLength() > limit) {
            throw new HttpResponseException(413, "the request body is larger than " + limit + " bytes");
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                throw new HttpResponseException(413, "the request body is larger than " + limit + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw new BadRequestResponse("cannot read the request body: " + e.getMessage());
        }
    }

    private static void reply(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply as JSON", e);
        }
    }
}
