package dev.saraf.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.serve.oip.Protocol;
import dev.saraf.serve.registry.ModelInfo;
import dev.saraf.serve.registry.ModelNames;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelSummary;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.Stage;
import dev.saraf.serve.registry.TokenInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's management API, every endpoint behind an API token: upload a model file as a new
 * version, list models, show one, change a version's stage, delete a version.
 */
final class ManagementRoutes {
    private final ModelRegistry registry;
    private final ModelHost host;
    private final Auth auth;
    private final Replies replies;
    private final ObjectMapper json;
    private final ServerConfig config;

    ManagementRoutes(ModelRegistry registry, ModelHost host, Auth auth, Replies replies, ObjectMapper json,
            ServerConfig config) {
        this.registry = registry;
        this.host = host;
        this.auth = auth;
        this.replies = replies;
        this.json = json;
        this.config = config;
    }

    void register(RoutesConfig r) {
        r.post("/api/models/{model}/versions", this::upload);
        r.get("/api/models", ctx -> {
            auth.require(ctx);
            List<Map<String, Object>> models = new ArrayList<>();
            for (ModelSummary s : registry.listModels()) {
                models.add(summary(s));
            }
            replies.json(ctx, 200, Map.of("models", models));
        });
        r.get("/api/models/{model}", ctx -> {
            auth.require(ctx);
            String name = checkName(ctx.pathParam("model"));
            ModelInfo info = registry.model(name).orElseThrow(() -> ApiException.notFound("model " + name + " not found"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", info.name());
            body.put("created", info.created().toString());
            body.put("default_version", registry.resolve(name).map(ModelVersion::version).orElse(null));
            List<Map<String, Object>> versions = new ArrayList<>();
            for (ModelVersion v : info.versions()) {
                versions.add(version(v));
            }
            body.put("versions", versions);
            replies.json(ctx, 200, body);
        });
        r.put("/api/models/{model}/versions/{version}/stage", this::setStage);
        r.delete("/api/models/{model}/versions/{version}", ctx -> {
            auth.require(ctx);
            String name = checkName(ctx.pathParam("model"));
            int v = ModelHost.parseVersion(ctx.pathParam("version"));
            registry.delete(name, v);
            host.forget(name, v);
            replies.json(ctx, 200, Map.of("model", name, "version", v, "deleted", true));
        });
    }

    private static String checkName(String name) {
        if (!ModelNames.isValid(name)) {
            throw ApiException.badRequest("model name " + Protocol.quote(name)
                    + " is invalid: use 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
        return name;
    }

    private void upload(Context ctx) {
        TokenInfo who = auth.require(ctx);
        String name = checkName(ctx.pathParam("model"));
        RequestBodies.checkDeclared(ctx, config.maxUploadBytes());
        ModelVersion v;
        boolean[] tooLarge = {false};
        try (InputStream in = RequestBodies.limited(ctx.req().getInputStream(), config.maxUploadBytes())) {
            InputStream watched = new java.io.FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (RequestBodies.TooLarge e) {
                        tooLarge[0] = true;
                        throw e;
                    }
                }

                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (RequestBodies.TooLarge e) {
                        tooLarge[0] = true;
                        throw e;
                    }
                }
            };
            v = registry.register(name, watched, who.label());
        } catch (IOException | RuntimeException e) {
            if (tooLarge[0]) { // whatever the registry made of it, the cause is the size
                throw RequestBodies.tooLarge(config.maxUploadBytes());
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw ApiException.badRequest("could not read the upload: " + e.getMessage());
        }
        Map<String, Object> body = version(v);
        replies.json(ctx, 201, body);
    }

    private void setStage(Context ctx) {
        auth.require(ctx);
        String name = checkName(ctx.pathParam("model"));
        int v = ModelHost.parseVersion(ctx.pathParam("version"));
        byte[] bytes = RequestBodies.read(ctx, 4096);
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: expected {\"stage\": \"staging|production|archived\"}");
        }
        if (node == null || !node.isObject() || !node.path("stage").isTextual() || node.size() != 1) {
            throw ApiException.badRequest("the body must be {\"stage\": \"staging|production|archived\"}");
        }
        Stage stage = Stage.parse(node.get("stage").asText());
        replies.json(ctx, 200, version(registry.setStage(name, v, stage)));
    }

    private static Map<String, Object> summary(ModelSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("created", s.created().toString());
        m.put("versions", s.versionCount());
        m.put("latest_version", s.latestVersion());
        m.put("production_version", s.productionVersion());
        m.put("default_version", s.defaultVersion());
        return m;
    }

    private static Map<String, Object> version(ModelVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", v.model());
        m.put("version", v.version());
        m.put("stage", v.stage().wireName());
        m.put("created", v.created().toString());
        m.put("created_by", v.createdBy());
        m.put("sha256", v.sha256());
        m.put("size_bytes", v.sizeBytes());
        m.put("metrics", v.metrics());
        m.put("provenance", v.provenance());
        m.put("extra", v.extra());
        return m;
    }

    /** The HTTP status for a registry error. */
    static int status(RegistryException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case CORRUPT -> 500;
            case STORAGE -> 503;
        };
    }
}
