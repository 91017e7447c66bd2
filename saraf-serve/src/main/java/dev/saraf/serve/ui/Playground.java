package dev.saraf.serve.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The playground's server side: small MLPs on 2-D point sets, trained by saraf a few steps per
 * request, so that the web page can draw the loss and the decision boundary as they change.
 *
 * <ul>
 *   <li>{@code POST /api/playground} {@code {"dataset": "xor", "hidden": [8, 8], "activation": "tanh",
 *       "lr": 0.1, "points": 200, "noise": 0.05, "seed": 1}} answers {@code {"id", "points": [[x, y, label]...],
 *       "grid", "extent", "loss", "accuracy", "boundary"}}.</li>
 *   <li>{@code POST /api/playground/{id}/step} {@code {"steps": 10}} trains and answers
 *       {@code {"step", "loss", "accuracy", "boundary"}}: the probability of class 1 on a
 *       {@code grid x grid} lattice over {@code [-extent, extent]²}, row-major from the top left.</li>
 *   <li>{@code DELETE /api/playground/{id}} forgets the session.</li>
 * </ul>
 *
 * <p>Open without a token, like the web page, and bounded instead: at most {@link #MAX_SESSIONS}
 * sessions (the least recently used is dropped for a new one), idle ones expire, and every size
 * in a request is capped, so a request costs at most a few milliseconds of one thread.
 */
public final class Playground {
    /** Sessions kept at most. */
    static final int MAX_SESSIONS = 64;
    /** A session unused this long is dropped. */
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(20);
    static final int MAX_STEPS = 100;
    static final int MAX_LAYERS = 6;
    static final int MAX_WIDTH = 32;
    static final int MAX_POINTS = 1000;
    /** Playground requests are a few hundred bytes. */
    static final int MAX_BODY = 16 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom ids = new SecureRandom();
    private final Map<String, PlaygroundSession> sessions = new LinkedHashMap<>(16, 0.75f, true); // access order: LRU first

    /** Registers the playground's routes on {@code routes}. */
    public void register(RoutesConfig routes) {
        routes.post("/api/playground", this::create);
        routes.post("/api/playground/{id}/step", this::step);
        routes.delete("/api/playground/{id}", ctx -> {
            synchronized (sessions) {
                if (sessions.remove(ctx.pathParam("id")) == null) {
                    throw new NotFoundResponse("no playground session " + clean(ctx.pathParam("id")));
                }
            }
            reply(ctx, Map.of("deleted", true));
        });
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx);
        PointSet set;
        String activation = text(body, "activation", "tanh");
        List<Integer> hidden = new ArrayList<>();
        JsonNode h = body.path("hidden");
        if (h.isMissingNode()) {
            hidden.addAll(List.of(8, 8));
        } else if (!h.isArray() || h.size() > MAX_LAYERS) {
            throw new BadRequestResponse("\"hidden\" must be a list of at most " + MAX_LAYERS + " layer widths");
        } else {
            for (JsonNode w : h) {
                if (!w.isInt() || w.asInt() < 1 || w.asInt() > MAX_WIDTH) {
                    throw new BadRequestResponse("each hidden width must be an integer 1.." + MAX_WIDTH + ", got " + w);
                }
                hidden.add(w.asInt());
            }
        }
        double lr = number(body, "lr", 0.1, 1e-6, 10);
        int points = (int) number(body, "points", 200, 10, MAX_POINTS);
        double noise = number(body, "noise", 0.05, 0, 0.5);
        long seed = (long) number(body, "seed", 1, 0, 1e15);
        PlaygroundSession session;
        try {
            set = PointSet.of(text(body, "dataset", "xor"));
            PlaygroundSession.activation(activation);
            session = new PlaygroundSession(set, points, noise, hidden, activation, lr, seed);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String id = HexFormat.of().formatHex(randomBytes());
        synchronized (sessions) {
            long now = System.nanoTime();
            sessions.values().removeIf(s -> now - s.lastUsedNanos() > IDLE_NANOS);
            while (sessions.size() >= MAX_SESSIONS) {
                sessions.remove(sessions.keySet().iterator().next());
            }
            sessions.put(id, session);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        float[] xy = session.points().xy();
        float[] labels = session.points().labels();
        List<float[]> pts = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            pts.add(new float[] {xy[2 * i], xy[2 * i + 1], labels[i]});
        }
        out.put("points", pts);
        out.putAll(state(session));
        reply(ctx, out);
    }

    private byte[] randomBytes() {
        byte[] b = new byte[12];
        ids.nextBytes(b);
        return b;
    }

    private void step(Context ctx) {
        JsonNode body = body(ctx);
        int steps = (int) number(body, "steps", 10, 1, MAX_STEPS);
        PlaygroundSession session;
        synchronized (sessions) {
            session = sessions.get(ctx.pathParam("id"));
        }
        if (session == null) {
            throw new NotFoundResponse("no playground session " + clean(ctx.pathParam("id")) + " (it may have expired; start a new one)");
        }
        Map<String, Object> out;
        synchronized (session) {
            session.train(steps);
            out = state(session);
        }
        reply(ctx, out);
    }

    private static Map<String, Object> state(PlaygroundSession session) {
        Map<String, Object> out = new LinkedHashMap<>();
        double[] eval = session.evaluate();
        out.put("step", session.step());
        out.put("loss", eval[0]);
        out.put("accuracy", eval[1]);
        out.put("grid", PlaygroundSession.GRID);
        out.put("extent", PlaygroundSession.EXTENT);
        float[] p = session.boundary();
        float[] rounded = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            rounded[i] = Math.round(p[i] * 1000) / 1000f; // three digits are plenty for a colour; keeps the reply small
        }
        out.put("boundary", rounded);
        return out;
    }

    private JsonNode body(Context ctx) {
        if (ctx.contentLength() > MAX_BODY) {
            throw new HttpResponseException(413, "the request body is larger than " + MAX_BODY + " bytes");
        }
        byte[] text;
        try (var in = ctx.bodyInputStream()) {
            text = in.readNBytes(MAX_BODY + 1);
        } catch (java.io.IOException e) {
            throw new BadRequestResponse("cannot read the request body: " + e.getMessage());
        }
        if (text.length > MAX_BODY) {
            throw new HttpResponseException(413, "the request body is larger than " + MAX_BODY + " bytes");
        }
        if (new String(text, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (!node.isObject()) {
                throw new BadRequestResponse("the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestResponse("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestResponse("cannot read the request body: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().length() > 40) {
            throw new BadRequestResponse("\"" + field + "\" must be a short string");
        }
        return n.asText();
    }

    private static double number(JsonNode body, String field, double fallback, double min, double max) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
            throw new BadRequestResponse("\"" + field + "\" must be a number in [" + min + ", " + max + "], got " + n);
        }
        return n.asDouble();
    }

    private void reply(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply as JSON", e);
        }
    }

    static String clean(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
