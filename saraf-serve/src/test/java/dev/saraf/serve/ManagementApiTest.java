package dev.saraf.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload, list, show, stage and delete over HTTP; the default version follows the production stage. */
class ManagementApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INPUT = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}";

    @Test
    void versionsStagesAndTheDefaultVersion(@TempDir Path dir) throws Exception {
        try (ServerFixture f = new ServerFixture(dir.resolve("home"), ServerFixture.config(dir.resolve("home")))) {
            HttpResponse<String> up1 = f.upload("digits", ServerFixture.saveMlp(dir, "a.safetensors", 1));
            assertEquals(201, up1.statusCode(), up1.body());
            JsonNode v1 = JSON.readTree(up1.body());
            assertEquals(1, v1.get("version").asInt());
            assertEquals("staging", v1.get("stage").asText());
            assertEquals("test", v1.get("created_by").asText());
            assertEquals(0.5, v1.get("metrics").get("accuracy").asDouble());
            assertEquals(2, JSON.readTree(f.upload("digits", ServerFixture.saveMlp(dir, "b.safetensors", 2)).body())
                    .get("version").asInt());
            // no production version: the newest serves
            assertEquals("2", JSON.readTree(f.post("/v2/models/digits/infer", INPUT).body()).get("model_version").asText());

            HttpResponse<String> staged = f.send("PUT", "/api/models/digits/versions/1/stage",
                    "{\"stage\":\"production\"}".getBytes(), f.auth());
            assertEquals(200, staged.statusCode(), staged.body());
            assertEquals("production", JSON.readTree(staged.body()).get("stage").asText());
            assertEquals("1", JSON.readTree(f.post("/v2/models/digits/infer", INPUT).body()).get("model_version").asText());
            assertEquals("2", JSON.readTree(f.post("/v2/models/digits/versions/2/infer", INPUT).body())
                    .get("model_version").asText());

            JsonNode list = JSON.readTree(f.send("GET", "/api/models", null, f.auth()).body());
            assertEquals("digits", list.get("models").get(0).get("name").asText());
            assertEquals(1, list.get("models").get(0).get("production_version").asInt());
            JsonNode model = JSON.readTree(f.send("GET", "/api/models/digits", null, f.auth()).body());
            assertEquals(2, model.get("versions").size());
            assertEquals(1, model.get("default_version").asInt());

            HttpResponse<String> del = f.send("DELETE", "/api/models/digits/versions/1", null, f.auth());
            assertEquals(200, del.statusCode(), del.body());
            assertEquals(404, f.post("/v2/models/digits/versions/1/infer", INPUT).statusCode());
            assertEquals("2", JSON.readTree(f.post("/v2/models/digits/infer", INPUT).body()).get("model_version").asText());
            assertEquals("[\"2\"]", JSON.readTree(f.get("/v2/models/digits").body()).get("versions").toString());
        }
    }

    @Test
    void inferenceCanRequireAToken(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        try (ServerFixture f = new ServerFixture(home, ServerFixture.config(home).withInferenceAuth(true))) {
            assertEquals(201, f.upload("m", ServerFixture.saveMlp(dir, "a.safetensors", 1)).statusCode());
            assertEquals(401, f.post("/v2/models/m/infer", INPUT).statusCode());
            HttpResponse<String> ok = f.send("POST", "/v2/models/m/infer", INPUT.getBytes(),
                    Map.of("Authorization", "Bearer " + f.token));
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(200, f.get("/v2/health/ready").statusCode());
            assertTrue(f.get("/metrics").body().contains("status=\"401\""));
        }
    }
}
