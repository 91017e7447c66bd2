package dev.saraf.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Module;
import dev.saraf.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every inference endpoint over real HTTP against a server on 127.0.0.1. */
class InferenceServerTest {
    @TempDir
    static Path dir;
    static ServerFixture f;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(dir.resolve("home"), ServerFixture.config(dir.resolve("home")));
        assertEquals(201, f.upload("mlp", ServerFixture.saveMlp(dir, "mlp.safetensors", 1)).statusCode());
        assertEquals(201, f.upload("cnn", ServerFixture.saveCnn(dir)).statusCode());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void healthAndServerMetadata() throws Exception {
        assertEquals(200, f.get("/v2/health/live").statusCode());
        assertEquals(200, f.get("/v2/health/ready").statusCode());
        JsonNode meta = json(f.get("/v2"));
        assertEquals("saraf", meta.get("name").asText());
        assertTrue(meta.get("extensions").isArray());
        assertTrue(meta.get("version").asText().length() > 0);
    }

    @Test
    void modelMetadataListsInputsAndOutputs() throws Exception {
        HttpResponse<String> r = f.get("/v2/models/mlp");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode m = json(r);
        assertEquals("mlp", m.get("name").asText());
        assertEquals("saraf", m.get("platform").asText());
        assertEquals("[\"1\"]", m.get("versions").toString());
        assertEquals("{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}", m.get("inputs").get(0).toString());
        assertEquals("[{\"name\":\"logits\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                + "{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                + "{\"name\":\"class\",\"datatype\":\"INT64\",\"shape\":[-1]}]", m.get("outputs").toString());
        JsonNode v = json(f.get("/v2/models/mlp/versions/1"));
        assertEquals("[\"1\"]", v.get("versions").toString());
        JsonNode cnn = json(f.get("/v2/models/cnn"));
        assertEquals("[-1,1,8,8]", cnn.get("inputs").get(0).get("shape").toString());
        assertEquals(200, f.get("/v2/models/mlp/ready").statusCode());
        assertEquals(200, f.get("/v2/models/mlp/versions/1/ready").statusCode());
    }

    static float[] expected(Module model, float[] x, int rows) {
        try (NoGrad g = NoGrad.enter()) {
            model.eval();
            return model.forward(Tensor.wrap(x, rows, x.length / rows)).toArray();
        }
    }

    @Test
    void inferMatchesTheModelAndEchoesTheId() throws Exception {
        float[] x = {0.5f, -1f, 2f, 0.25f, 1f, 1f, -3f, 0f};
        HttpResponse<String> r = f.post("/v2/models/mlp/infer", "{\"id\":\"req-7\",\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[2,4],\"datatype\":\"FP32\",\"data\":[[0.5,-1,2,0.25],[1,1,-3,0]]}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("mlp", body.get("model_name").asText());
        assertEquals("1", body.get("model_version").asText());
        assertEquals("req-7", body.get("id").asText());
        float[] logits = expected(ServerFixture.mlp(1), x, 2);
        JsonNode outs = body.get("outputs");
        assertEquals("logits", outs.get(0).get("name").asText());
        assertEquals("[2,3]", outs.get(0).get("shape").toString());
        for (int i = 0; i < 6; i++) {
            assertEquals(logits[i], outs.get(0).get("data").get(i).floatValue(), 1e-6f);
        }
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += outs.get(1).get("data").get(i).asDouble();
        }
        assertEquals(1.0, sum, 1e-5);
        int best = logits[0] >= logits[1] && logits[0] >= logits[2] ? 0 : logits[1] >= logits[2] ? 1 : 2;
        assertEquals(best, outs.get(2).get("data").get(0).asInt());
        assertEquals("INT64", outs.get(2).get("datatype").asText());
    }

    @Test
    void outputSelectionAndIntegerInputs() throws Exception {
        HttpResponse<String> r = f.post("/v2/models/mlp/versions/1/infer", "{\"inputs\":[{\"name\":\"input\","
                + "\"shape\":[1,4],\"datatype\":\"INT32\",\"data\":[1,2,3,4]}],\"outputs\":[{\"name\":\"class\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode outs = json(r).get("outputs");
        assertEquals(1, outs.size());
        assertEquals("class", outs.get(0).get("name").asText());
        float[] logits = expected(ServerFixture.mlp(1), new float[] {1, 2, 3, 4}, 1);
        int best = logits[0] >= logits[1] && logits[0] >= logits[2] ? 0 : logits[1] >= logits[2] ? 1 : 2;
        assertEquals(best, outs.get(0).get("data").get(0).asInt()); // no preprocessing recorded: used as given
        assertTrue(json(r).get("id") == null);
    }

    static byte[] png(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 37 + y * 11) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void classifyAnImageAndMatchUint8Infer() throws Exception {
        HttpResponse<String> r = f.send("POST", "/v2/models/cnn/classify", png(8, 8), Map.of("Content-Type", "image/png"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        JsonNode classes = body.get("classes");
        assertEquals(3, classes.size());
        assertEquals(body.get("class").asText(), classes.get(0).get("class").asText());
        assertTrue(java.util.Set.of("x", "y", "z").contains(body.get("class").asText()));
        // the same pixels through /infer as UINT8 get the recorded scaling, so the answers agree
        StringBuilder data = new StringBuilder();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                data.append(data.length() == 0 ? "" : ",").append((x * 37 + y * 11) % 256);
            }
        }
        JsonNode infer = json(f.post("/v2/models/cnn/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,8,8],"
                + "\"datatype\":\"UINT8\",\"data\":[" + data + "]}],\"outputs\":[{\"name\":\"probabilities\"}]}"));
        int index = body.get("index").asInt();
        assertEquals(body.get("probability").floatValue(),
                infer.get("outputs").get(0).get("data").get(index).floatValue(), 1e-6f);
    }

    @Test
    void metricsInPrometheusFormat() throws Exception {
        f.get("/v2/health/live");
        HttpResponse<String> r = f.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = r.body();
        assertTrue(text.contains("saraf_http_requests_total{method=\"GET\",route=\"/v2/health/live\",status=\"200\"}"), text);
        assertTrue(text.contains("saraf_http_request_duration_seconds_bucket{route=\"/v2/health/live\",le=\"+Inf\"}"), text);
        assertTrue(text.contains("# TYPE saraf_batch_size histogram"), text);
        assertTrue(text.contains("saraf_models_loaded "), text);
    }
}
