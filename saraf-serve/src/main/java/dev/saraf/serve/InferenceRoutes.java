package dev.saraf.serve;

import dev.saraf.serve.engine.Batcher;
import dev.saraf.serve.engine.IoSpec;
import dev.saraf.serve.engine.ImageInput;
import dev.saraf.serve.engine.ModelCache;
import dev.saraf.serve.engine.OutputTensor;
import dev.saraf.serve.engine.ServedModel;
import dev.saraf.serve.oip.InferenceRequest;
import dev.saraf.serve.oip.InputTensor;
import dev.saraf.serve.oip.RequestParser;
import dev.saraf.serve.registry.ModelInfo;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.tensor.Tensor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol (KServe v2) REST endpoints: health, server and model metadata,
 * model readiness and inference, plus {@code POST /v2/models/{m}[/versions/{v}]/classify}, which
 * takes a PNG or JPEG and answers class probabilities with class names.
 */
final class InferenceRoutes {
    private final ModelRegistry registry;
    private final ModelHost host;
    private final RequestParser parser;
    private final Replies replies;
    private final ServerConfig config;
    private final Metrics metrics;
    private final String version;
    private final java.util.function.BooleanSupplier ready;

    InferenceRoutes(ModelRegistry registry, ModelHost host, RequestParser parser, Replies replies, ServerConfig config,
            Metrics metrics, String version, java.util.function.BooleanSupplier ready) {
        this.registry = registry;
        this.host = host;
        this.parser = parser;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
        this.version = version;
        this.ready = ready;
    }

    void register(RoutesConfig r) {
        r.get("/v2/health/live", ctx -> replies.json(ctx, 200, Map.of("live", true)));
        r.get("/v2/health/ready", ctx -> {
            boolean ok = ready.getAsBoolean();
            replies.json(ctx, ok ? 200 : 503, Map.of("ready", ok));
        });
        r.get("/v2", ctx -> replies.json(ctx, 200, Map.of("name", "saraf", "version", version, "extensions", List.of())));
        r.get("/v2/models/{model}", ctx -> metadata(ctx, null));
        r.get("/v2/models/{model}/versions/{version}", ctx -> metadata(ctx, ctx.pathParam("version")));
        r.get("/v2/models/{model}/ready", ctx -> modelReady(ctx, null));
        r.get("/v2/models/{model}/versions/{version}/ready", ctx -> modelReady(ctx, ctx.pathParam("version")));
        r.post("/v2/models/{model}/infer", ctx -> infer(ctx, null));
        r.post("/v2/models/{model}/versions/{version}/infer", ctx -> infer(ctx, ctx.pathParam("version")));
        r.post("/v2/models/{model}/classify", ctx -> classify(ctx, null));
        r.post("/v2/models/{model}/versions/{version}/classify", ctx -> classify(ctx, ctx.pathParam("version")));
    }

    private void metadata(Context ctx, String versionText) {
        String name = ctx.pathParam("model");
        ModelVersion v = host.find(name, versionText);
        ServedModel model = host.load(v).model();
        List<String> versions;
        if (versionText == null) {
            versions = registry.model(name).map(ModelInfo::versions).orElse(List.of()).stream()
                    .map(mv -> Integer.toString(mv.version())).toList();
        } else {
            versions = List.of(Integer.toString(v.version()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("versions", versions);
        body.put("platform", "saraf");
        body.put("inputs", specs(model.inputs()));
        body.put("outputs", specs(model.outputs()));
        replies.json(ctx, 200, body);
    }

    private static List<Map<String, Object>> specs(List<IoSpec> specs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IoSpec s : specs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("datatype", s.datatype());
            m.put("shape", s.shape());
            out.add(m);
        }
        return out;
    }

    private void modelReady(Context ctx, String versionText) {
        ModelVersion v = host.find(ctx.pathParam("model"), versionText);
        host.load(v);
        replies.json(ctx, 200, Map.of("name", v.model(), "version", Integer.toString(v.version()), "ready", true));
    }

    private void infer(Context ctx, String versionText) {
        ModelVersion v = host.find(ctx.pathParam("model"), versionText);
        ModelCache.Loaded loaded = host.load(v);
        ServedModel model = loaded.model();
        Batcher batcher = loaded.batcher();
        if (batcher != null) {
            batcher.announce(); // so the batcher waits for this request while its body is read
        }
        boolean submitted = false;
        try {
            InferenceRequest request = parser.parse(RequestBodies.read(ctx, config.maxBodyBytes()));
            if (request.inputs().size() != 1) {
                throw ApiException.badRequest("model " + model.name() + " takes one input named \""
                        + ServedModel.INPUT + "\", got " + request.inputs().size());
            }
            List<String> wanted = model.checkOutputs(request.outputs());
            InputTensor in = request.inputs().get(0);
            float[] x = model.prepare(in);
            int rows = (int) in.shape()[0];
            int[] example = new int[in.shape().length - 1];
            for (int i = 0; i < example.length; i++) {
                example[i] = (int) in.shape()[i + 1];
            }
            Batcher.Slice slice;
            if (batcher != null) {
                submitted = true;
                slice = batcher.submit(x, rows, example);
            } else {
                metrics.batch(rows);
                Tensor out = model.forward(x, rows, example);
                int[] dims = out.dims();
                slice = new Batcher.Slice(out.data(), 0, rows, Arrays.copyOfRange(dims, 1, dims.length));
            }
            List<OutputTensor> outputs = model.outputs(slice.data(), slice.offset(), slice.rows(), slice.rowDims(), wanted);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model_name", model.name());
            body.put("model_version", Integer.toString(model.version()));
            if (request.id() != null) {
                body.put("id", request.id());
            }
            List<Map<String, Object>> outs = new ArrayList<>();
            for (OutputTensor o : outputs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", o.name());
                m.put("datatype", o.datatype());
                m.put("shape", o.shape());
                m.put("data", o.data());
                outs.add(m);
            }
            body.put("outputs", outs);
            replies.json(ctx, 200, body);
        } finally {
            if (batcher != null && !submitted) {
                batcher.withdraw();
            }
        }
    }

    private void classify(Context ctx, String versionText) {
        ModelVersion v = host.find(ctx.pathParam("model"), versionText);
        ServedModel model = host.load(v).model();
        if (!model.isClassifier()) {
            throw ApiException.badRequest("model " + model.name() + " is not a classifier; use /infer");
        }
        int channels;
        int height;
        int width;
        float scale;
        int[] example = model.exampleShape();
        if (model.preprocess().isImage()) {
            channels = model.preprocess().channels();
            height = model.preprocess().height();
            width = model.preprocess().width();
            scale = model.preprocess().pixelScale();
        } else if (example != null && example.length == 3 && (example[0] == 1 || example[0] == 3) && example[1] > 0
                && example[2] > 0) {
            channels = example[0];
            height = example[1];
            width = example[2];
            scale = 1f / 255f; // no record: the data module's default image scaling
        } else {
            throw ApiException.badRequest("model " + model.name() + " does not take images (its input is "
                    + model.inputs().get(0).shape() + ")");
        }
        float[] x = ImageInput.toInput(imageBytes(ctx), channels, height, width, scale);
        metrics.batch(1);
        Tensor out = model.forward(x, 1, new int[] {channels, height, width});
        List<OutputTensor> outputs = model.outputs(out.data(), 0, 1, Arrays.copyOfRange(out.dims(), 1, out.rank()),
                List.of("probabilities"));
        float[] p = (float[]) outputs.get(0).data();
        List<String> names = model.classNames();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            c.put("class", i < names.size() ? names.get(i) : Integer.toString(i));
            c.put("probability", p[i]);
            classes.add(c);
        }
        classes.sort(Comparator.comparingDouble(c -> -((Float) c.get("probability"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_name", model.name());
        body.put("model_version", Integer.toString(model.version()));
        body.put("class", classes.get(0).get("class"));
        body.put("index", classes.get(0).get("index"));
        body.put("probability", classes.get(0).get("probability"));
        body.put("classes", classes);
        replies.json(ctx, 200, body);
    }

    /** The image: the raw body, or the first file of a multipart form. */
    private byte[] imageBytes(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.toLowerCase().startsWith("multipart/form-data")) {
            RequestBodies.checkDeclared(ctx, config.maxBodyBytes());
            List<UploadedFile> files;
            try {
                files = ctx.uploadedFiles();
            } catch (RuntimeException e) {
                throw ApiException.badRequest("malformed or too large multipart body: " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw ApiException.badRequest("the multipart form holds no file; send the image as a file field");
            }
            try (InputStream in = RequestBodies.limited(files.get(0).content(), config.maxBodyBytes())) {
                return in.readAllBytes();
            } catch (RequestBodies.TooLarge e) {
                throw RequestBodies.tooLarge(config.maxBodyBytes());
            } catch (IOException e) {
                throw ApiException.badRequest("could not read the uploaded file: " + e.getMessage());
            }
        }
        byte[] body = RequestBodies.read(ctx, config.maxBodyBytes());
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty: send a PNG or JPEG image");
        }
        return body;
    }
}
