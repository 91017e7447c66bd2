package dev.saraf.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent requests coalesce into fewer forward passes, with the answers each would get alone. */
class BatchingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int REQUESTS = 32;

    static String input(int i) {
        return String.format(Locale.ROOT, "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[%d,%f,-1,0.5]}],\"outputs\":[{\"name\":\"logits\"}]}", i, i * 0.1);
    }

    static long forwardPasses(ServerFixture f) {
        Matcher m = Pattern.compile("(?m)^saraf_batch_size_count (\\d+)").matcher(f.get("/metrics").body());
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    static List<float[]> run(ServerFixture f, boolean concurrent) throws Exception {
        List<float[]> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrent ? REQUESTS : 1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int k = i;
                futures.add(pool.submit(() -> f.post("/v2/models/m/infer", input(k))));
            }
            for (Future<HttpResponse<String>> fu : futures) {
                HttpResponse<String> r = fu.get();
                assertEquals(200, r.statusCode(), r.body());
                JsonNode data = JSON.readTree(r.body()).get("outputs").get(0).get("data");
                results.add(new float[] {data.get(0).floatValue(), data.get(1).floatValue(), data.get(2).floatValue()});
            }
        } finally {
            pool.shutdown();
        }
        return results;
    }

    @Test
    void concurrentRequestsShareForwardPasses(@TempDir Path dir) throws Exception {
        Path file = ServerFixture.saveMlp(dir, "m.safetensors", 3);
        List<float[]> alone;
        Path home1 = dir.resolve("h1");
        try (ServerFixture f = new ServerFixture(home1, ServerFixture.config(home1).withBatching(false, Duration.ZERO, 1))) {
            assertEquals(201, f.upload("m", file).statusCode());
            alone = run(f, false);
            assertEquals(REQUESTS, forwardPasses(f));
        }
        Path home2 = dir.resolve("h2");
        try (ServerFixture f = new ServerFixture(home2,
                ServerFixture.config(home2).withBatching(true, Duration.ofMillis(200), 64))) {
            assertEquals(201, f.upload("m", file).statusCode());
            f.post("/v2/models/m/infer", input(0)); // load the model before the burst
            long before = forwardPasses(f);
            List<float[]> batched = run(f, true);
            long passes = forwardPasses(f) - before;
            assertTrue(passes < REQUESTS, "expected fewer than " + REQUESTS + " forward passes, got " + passes);
            for (int i = 0; i < REQUESTS; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(alone.get(i)[j], batched.get(i)[j], 1e-5f, "request " + i);
                }
            }
        }
    }
}
