package dev.saraf.bench;

import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Dropout;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.MaxPool2d;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.serve.SarafServer;
import dev.saraf.serve.ServerConfig;
import dev.saraf.serve.registry.Registry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test of the model server on loopback: the W-CNN (random weights) behind
 * {@code POST /v2/models/wcnn/infer}, one 28x28 image per request, at concurrency 1, 8 and 64,
 * with dynamic batching off and on. Each cell runs for at most {@code seconds} (default 5) and at
 * most 2,000 requests after a short warm-up; prints requests/s and p50/p99 latency.
 *
 * <pre>{@code java -cp ... dev.saraf.bench.ServeLoad [seconds]}</pre>
 */
public final class ServeLoad {
    private static final int MAX_REQUESTS = 2_000;

    private ServeLoad() {}

    /** Runs the table. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path dir = Files.createTempDirectory("saraf-serveload");
        SplittableRandom rng = new SplittableRandom(1);
        Module wcnn = new Sequential(new Conv2d(1, 32, 3, rng), new ReLU(), new Conv2d(32, 64, 3, rng), new ReLU(),
                new MaxPool2d(2), new Dropout(0.25, rng), new Flatten(), new Linear(9216, 128, rng), new ReLU(),
                new Dropout(0.5, rng), new Linear(128, 10, rng));
        Path file = dir.resolve("wcnn.safetensors");
        ModelFile.save(file, wcnn, Provenance.now().withSeed(1), Map.of("input_shape", "[1,28,28]"), null);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 784; i++) {
            data.append(i == 0 ? "" : ",").append((i * 31) % 256);
        }
        byte[] body = ("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,28,28],\"datatype\":\"UINT8\",\"data\":["
                + data + "]}],\"outputs\":[{\"name\":\"probabilities\"}]}").getBytes();
        System.out.printf(Locale.ROOT, "%-9s %11s %10s %9s %9s %8s%n", "batching", "concurrency", "req/s", "p50 ms",
                "p99 ms", "requests");
        for (boolean batching : new boolean[] {false, true}) {
            Path home = dir.resolve(batching ? "h-on" : "h-off");
            try (Registry registry = Registry.open(home, null)) {
                registry.models().register("wcnn", file, "bench");
                ServerConfig config = ServerConfig.defaults(home).withAddress("127.0.0.1", 0)
                        .withBatching(batching, Duration.ofMillis(2), 64);
                try (SarafServer server = SarafServer.start(config, registry)) {
                    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v2/models/wcnn/infer");
                    ExecutorService clientThreads = Executors.newFixedThreadPool(4);
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .executor(clientThreads).build();
                    for (int concurrency : new int[] {1, 8, 64}) {
                        run(http, uri, body, concurrency, Math.min(1.0, seconds / 5), 200); // warm-up
                        double[] r = run(http, uri, body, concurrency, seconds, MAX_REQUESTS);
                        System.out.printf(Locale.ROOT, "%-9s %11d %10.1f %9.2f %9.2f %8d%n", batching ? "on" : "off",
                                concurrency, r[0], r[1], r[2], (long) r[3]);
                    }
                    http.close();
                    clientThreads.shutdown(); // non-daemon threads would keep the JVM alive
                }
            }
        }
    }

    /** Returns requests/s, p50 ms, p99 ms, count. */
    private static double[] run(HttpClient http, URI uri, byte[] body, int concurrency, double seconds, int max)
            throws Exception {
        long[] latencies = new long[max];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            pool.submit(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < max) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = Math.min(next.get(), max);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests failed");
        }
        long[] done = Arrays.copyOf(latencies, n);
        Arrays.sort(done);
        return new double[] {n / elapsed, done[n / 2] / 1e6, done[Math.min(n - 1, (int) (n * 0.99))] / 1e6, n};
    }
}
