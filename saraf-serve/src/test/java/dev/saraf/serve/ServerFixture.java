package dev.saraf.serve;

import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.serve.registry.Registry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/** A server on 127.0.0.1 (free port) over a fresh registry, with an HTTP client and an API token. */
final class ServerFixture implements AutoCloseable {
    final Path home;
    final Registry registry;
    final SarafServer server;
    final String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerFixture(Path home, ServerConfig config) {
        this.home = home;
        this.registry = Registry.open(home, null);
        this.token = registry.tokens().create("test");
        this.server = SarafServer.start(config.withAddress("127.0.0.1", 0), registry);
    }

    static ServerConfig config(Path home) {
        return ServerConfig.defaults(home).withLimits(64 * 1024, 4L << 20);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, Map.of());
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Uploads {@code file} as a new version of {@code model}; returns the response. */
    HttpResponse<String> upload(String model, Path file) throws IOException {
        return send("POST", "/api/models/" + model + "/versions", Files.readAllBytes(file), auth());
    }

    /** An MLP 4 -> 8 -> 3 with class names a, b, c. */
    static Module mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 3, rng));
    }

    static Path saveMlp(Path dir, String fileName, long seed) throws IOException {
        Path file = dir.resolve(fileName);
        ModelFile.save(file, mlp(seed), Provenance.now().withSeed(seed).withMetrics(Map.of("accuracy", 0.5)),
                Map.of("class_names", "[\"a\",\"b\",\"c\"]", "input_shape", "[4]"), null);
        return file;
    }

    /** A tiny CNN on 1x8x8 images with 3 classes, recorded with image preprocessing. */
    static Path saveCnn(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        Module m = new Sequential(new Conv2d(1, 2, 3, rng), new ReLU(), new Flatten(), new Linear(72, 3, rng));
        Path file = dir.resolve("cnn.safetensors");
        String prep = "{\"kind\":\"image\",\"task\":\"classification\",\"class_names\":[\"x\",\"y\",\"z\"],"
                + "\"input_shape\":[1,8,8],\"channels\":1,\"height\":8,\"width\":8,\"pixel_scale\":0.00392156862745098}";
        ModelFile.save(file, m, Provenance.now().withSeed(7), Map.of("preprocessing", prep,
                "class_names", "[\"x\",\"y\",\"z\"]", "task", "classification"), null);
        return file;
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }
}
