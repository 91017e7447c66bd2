package dev.saraf.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Downloads the files of a data set from a mirror into a directory, checking each against a
 * SHA-256 pinned in the code. A file is written to a temporary name beside its target and renamed
 * into place only once its checksum matches, so an interrupted or corrupt download never leaves a
 * file that looks complete. Files already present with the right checksum are not fetched again.
 *
 * <p>The base URL is a constructor parameter so tests run against a local HTTP server; the
 * library never touches the network unless a caller asks for a download.
 */
public final class Downloader {
    /** The MNIST mirror PyTorch uses (Yann LeCun's site no longer serves the files reliably). */
    public static final URI MNIST_MIRROR = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    /** Zalando Research's Fashion-MNIST mirror. */
    public static final URI FASHION_MNIST_MIRROR = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * SHA-256 of the original MNIST files, as published by TensorFlow Datasets and used by Keras
     * (they match the files on {@link #MNIST_MIRROR}).
     */
    public static final Map<String, String> MNIST_SHA256 = ordered(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /**
     * SHA-256 of the Fashion-MNIST files on {@link #FASHION_MNIST_MIRROR}, as published by
     * TensorFlow Datasets (their MD5s match Zalando's README). Debian's package recompresses the
     * files, so its copies have other checksums; they are never downloaded, only read.
     */
    public static final Map<String, String> FASHION_MNIST_SHA256 = ordered(
            "train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
            "train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
            "t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
            "t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    private final URI baseUrl;
    private final Map<String, String> sha256;
    private final Duration timeout;
    /** Built on the first download: building one loads the TLS setup, which takes seconds. */
    private HttpClient client;

    /**
     * @param baseUrl a URL ending in {@code /} under which each file name is found
     * @param sha256  file name to its expected lower-case hex SHA-256, in download order
     * @param timeout limit for connecting and for each whole response
     */
    public Downloader(URI baseUrl, Map<String, String> sha256, Duration timeout) {
        if (!baseUrl.toString().endsWith("/")) {
            throw new IllegalArgumentException("base URL must end in '/': " + baseUrl);
        }
        this.baseUrl = baseUrl;
        this.sha256 = new LinkedHashMap<>(sha256);
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /** The official mirror of {@code "mnist"} or {@code "fashion-mnist"}, with the pinned checksums. */
    public static Downloader official(String dataset) {
        return switch (dataset) {
            case "mnist" -> new Downloader(MNIST_MIRROR, MNIST_SHA256, Duration.ofMinutes(5));
            case "fashion-mnist" -> new Downloader(FASHION_MNIST_MIRROR, FASHION_MNIST_SHA256, Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("no download source for data set \"" + dataset
                    + "\" (known: mnist, fashion-mnist)");
        };
    }

    /** The URL files are fetched from. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Fetches every file of this downloader into {@code dir} (created if needed).
     *
     * @return {@code dir}
     * @throws DataException naming the file and URL on an HTTP error, a network failure or a checksum mismatch
     */
    public Path fetchAll(Path dir) {
        for (String file : sha256.keySet()) {
            fetch(file, dir);
        }
        return dir;
    }

    /**
     * Fetches one file into {@code dir} unless a copy with the right checksum is already there.
     *
     * @return the verified file
     * @throws DataException naming the file and URL on an HTTP error, a network failure or a checksum mismatch
     */
    public Path fetch(String fileName, Path dir) {
        String expected = sha256.get(fileName);
        if (expected == null) {
            throw new IllegalArgumentException("no checksum known for " + fileName + " (known: " + sha256.keySet() + ")");
        }
        Path target = dir.resolve(fileName);
        URI url = baseUrl.resolve(fileName);
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && sha256(target).equals(expected)) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, fileName + ".", ".part");
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
                HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                MessageDigest digest = newDigest();
                try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                    if (response.statusCode() != 200) {
                        throw new DataException(fileName + ": download from " + url + " failed: HTTP "
                                + response.statusCode());
                    }
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        digest.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(expected)) {
                    throw new DataException(fileName + ": checksum mismatch for the download from " + url
                            + ": SHA-256 " + actual + ", expected " + expected);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataException(fileName + ": download from " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(fileName + ": download from " + url + " interrupted", e);
        }
    }

    /** The lower-case hex SHA-256 of a file. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
