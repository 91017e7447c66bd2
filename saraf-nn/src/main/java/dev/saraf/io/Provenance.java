package dev.saraf.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a model came from, stored in a {@link ModelFile}'s metadata: the saraf version that wrote
 * it, the random seed, the training hyperparameters, the data set and its SHA-256, the final
 * metrics and the time of creation.
 *
 * <p>Start from {@link #now()} (this saraf's version, the current time, nothing else) and add what
 * is known:
 *
 * <pre>{@code
 * Provenance p = Provenance.now()
 *         .withSeed(42)
 *         .withHyperparameters(Map.of("lr", 0.01, "epochs", 10, "batch_size", 64))
 *         .withDataset("mnist", Provenance.sha256(Path.of("train-images-idx3-ubyte")))
 *         .withMetrics(Map.of("val_accuracy", 0.981, "val_loss", 0.062));
 * }</pre>
 *
 * @param sarafVersion    the saraf version that trained or wrote the model (never null)
 * @param seed            the seed the run started from, or null when unknown
 * @param hyperparameters name to JSON-able value (numbers, strings, booleans, null, lists, maps);
 *                        read back, whole numbers are {@link Long} and others {@link Double}
 * @param dataset         the data set's name, or null
 * @param datasetSha256   the SHA-256 of the data set's files as 64 lowercase hex digits, or null
 * @param metrics         name to final value (NaN and infinities allowed)
 * @param created         when the model was saved (never null)
 */
public record Provenance(String sarafVersion, Long seed, Map<String, Object> hyperparameters, String dataset,
        String datasetSha256, Map<String, Double> metrics, Instant created) {

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates every field and copies the maps (read-only, order kept). */
    public Provenance {
        Objects.requireNonNull(sarafVersion, "Provenance: sarafVersion is null");
        Objects.requireNonNull(created, "Provenance: created is null");
        if (sarafVersion.isBlank()) {
            throw new IllegalArgumentException("Provenance: sarafVersion is blank");
        }
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(hyperparameters, "Provenance: hyperparameters is null (use Map.of())")));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(metrics, "Provenance: metrics is null (use Map.of())")));
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("Provenance: metric " + m.getKey() + " = " + m.getValue() + " has a null key or value");
            }
        }
        try {
            Json.write(hyperparameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Provenance: hyperparameters are not JSON-able: " + e.getMessage(), e);
        }
        if (dataset != null && dataset.isBlank()) {
            throw new IllegalArgumentException("Provenance: dataset name is blank (use null for none)");
        }
        if (datasetSha256 != null && !SHA256.matcher(datasetSha256).matches()) {
            throw new IllegalArgumentException("Provenance: datasetSha256 must be 64 lowercase hex digits, got \"" + datasetSha256 + "\"");
        }
    }

    /** This saraf's version, the current time, and nothing else known. */
    public static Provenance now() {
        return new Provenance(currentSarafVersion(), null, Map.of(), null, null, Map.of(), Instant.now());
    }

    /** A copy with the seed set. */
    public Provenance withSeed(long seed) {
        return new Provenance(sarafVersion, seed, hyperparameters, dataset, datasetSha256, metrics, created);
    }

    /** A copy with the hyperparameters replaced. */
    public Provenance withHyperparameters(Map<String, ?> hyperparameters) {
        return new Provenance(sarafVersion, seed, new LinkedHashMap<>(hyperparameters), dataset, datasetSha256, metrics, created);
    }

    /** A copy with the data set's name and SHA-256 (either may be null). */
    public Provenance withDataset(String dataset, String datasetSha256) {
        return new Provenance(sarafVersion, seed, hyperparameters, dataset, datasetSha256, metrics, created);
    }

    /** A copy with the metrics replaced. */
    public Provenance withMetrics(Map<String, Double> metrics) {
        return new Provenance(sarafVersion, seed, hyperparameters, dataset, datasetSha256, metrics, created);
    }

    /** A copy with the creation time replaced. */
    public Provenance withCreated(Instant created) {
        return new Provenance(sarafVersion, seed, hyperparameters, dataset, datasetSha256, metrics, created);
    }

    /** The version of this saraf build ({@code "unknown"} when run from sources the build has not processed). */
    public static String currentSarafVersion() {
        return VersionHolder.VERSION;
    }

    /** The SHA-256 of a file's bytes, as 64 lowercase hex digits, for {@link #datasetSha256()}. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Loads the version once, on first use. */
    private static final class VersionHolder {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = Provenance.class.getResourceAsStream("saraf-version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
            } catch (IOException e) {
                throw new UncheckedIOException("reading saraf-version.properties", e);
            }
        }
    }
}
