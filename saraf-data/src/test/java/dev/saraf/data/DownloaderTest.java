package dev.saraf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a local HTTP server on 127.0.0.1: never the network. */
class DownloaderTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private URI base;
    private final Map<String, byte[]> served = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/data/".length());
            byte[] body = served.get(name);
            if (body == null) {
                byte[] msg = "not here".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, msg.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(msg);
                }
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void fetchesVerifiesAndRenamesIntoPlace() throws Exception {
        byte[] images = IdxFiles.gzip(IdxFiles.images(4, 28, 28));
        byte[] labels = IdxFiles.gzip(IdxFiles.labels(4, 10));
        served.put("train-images-idx3-ubyte.gz", images);
        served.put("train-labels-idx1-ubyte.gz", labels);
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put("train-images-idx3-ubyte.gz", sha256(images));
        sums.put("train-labels-idx1-ubyte.gz", sha256(labels));
        Downloader d = new Downloader(base, sums, Duration.ofSeconds(10));
        Path dir = tmp.resolve("cache/mnist");
        assertThat(d.fetchAll(dir)).isEqualTo(dir);
        assertThat(Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz"))).isEqualTo(images);
        assertThat(Files.readAllBytes(dir.resolve("train-labels-idx1-ubyte.gz"))).isEqualTo(labels);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        }
        assertThat(requests.get()).isEqualTo(2);
        d.fetchAll(dir);
        assertThat(requests.get()).as("verified files are not fetched again").isEqualTo(2);
    }

    @Test
    void aCorruptFileFailsItsChecksumAndLeavesNothingBehind() throws Exception {
        byte[] good = IdxFiles.gzip(IdxFiles.labels(4, 10));
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 2] ^= 1;
        served.put("t10k-labels-idx1-ubyte.gz", corrupt);
        Downloader d = new Downloader(base, Map.of("t10k-labels-idx1-ubyte.gz", sha256(good)), Duration.ofSeconds(10));
        Path dir = tmp.resolve("cache");
        assertThatThrownBy(() -> d.fetch("t10k-labels-idx1-ubyte.gz", dir)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("t10k-labels-idx1-ubyte.gz: checksum mismatch for the download from " + base
                        + "t10k-labels-idx1-ubyte.gz: SHA-256 " + sha256(corrupt) + ", expected " + sha256(good));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anHttpErrorIsClear() {
        Downloader d = new Downloader(base, Map.of("t10k-images-idx3-ubyte.gz", "00"), Duration.ofSeconds(10));
        assertThatThrownBy(() -> d.fetch("t10k-images-idx3-ubyte.gz", tmp)).isInstanceOf(DataException.class)
                .hasMessage("t10k-images-idx3-ubyte.gz: download from " + base
                        + "t10k-images-idx3-ubyte.gz failed: HTTP 404");
    }

    @Test
    void aDownloadFeedsMnistLoadWhenNothingIsFound() throws Exception {
        Map<String, byte[]> files = Map.of(
                "train-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(20, 28, 28)),
                "train-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(20, 10)),
                "t10k-images-idx3-ubyte.gz", IdxFiles.gzip(IdxFiles.images(5, 28, 28)),
                "t10k-labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(5, 10)));
        served.putAll(files);
        Map<String, String> sums = new LinkedHashMap<>();
        for (var e : files.entrySet()) {
            sums.put(e.getKey(), sha256(e.getValue()));
        }
        DatasetLocator locator = new DatasetLocator(tmp.resolve("env"), tmp.resolve("home"), tmp.resolve("system"));
        Splits s = Mnist.load("fashion-mnist", null, locator, new Downloader(base, sums, Duration.ofSeconds(10)));
        assertThat(s.train().size()).isEqualTo(20);
        assertThat(s.test().size()).isEqualTo(5);
        assertThat(s.train().classNames()).contains("Ankle boot");
        assertThat(locator.find("fashion-mnist", null).orElseThrow().dir()).isEqualTo(tmp.resolve("env/fashion-mnist"));
    }

    @Test
    void theOfficialMirrorsArePinned() {
        assertThat(Downloader.official("mnist").baseUrl()).isEqualTo(Downloader.MNIST_MIRROR);
        assertThat(Downloader.official("fashion-mnist").baseUrl()).isEqualTo(Downloader.FASHION_MNIST_MIRROR);
        assertThat(Downloader.MNIST_SHA256).hasSize(4).allSatisfy((k, v) -> assertThat(v).hasSize(64));
        assertThat(Downloader.FASHION_MNIST_SHA256.keySet())
                .containsExactlyElementsOf(DatasetLocator.IDX_FILES.stream().map(f -> f + ".gz").toList());
        assertThatThrownBy(() -> Downloader.official("cifar")).isInstanceOf(IllegalArgumentException.class);
    }
}
