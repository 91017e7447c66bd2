package dev.saraf.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SarafServer} runs. Start from {@link #defaults(Path)} and change what differs with
 * the {@code with*} methods.
 *
 * @param host            the address to bind; {@code 127.0.0.1} by default so that nothing outside
 *                        the machine reaches the server unless asked
 * @param port            the TCP port; 0 picks a free one (tests), 8080 by default
 * @param home            the saraf home: registry database (SQLite) and model blobs
 * @param databaseUrl     a PostgreSQL JDBC URL for the registry's metadata, or null for SQLite under {@code home}
 * @param maxBodyBytes    the largest inference or image request body; larger ones get 413
 * @param maxUploadBytes  the largest model file accepted by {@code POST /api/models/{m}/versions}
 * @param inferenceAuth   true to require an API token on the inference ({@code /v2/models/...}) endpoints too
 * @param batching        true to coalesce concurrent requests for one model into one forward pass
 * @param batchMaxDelay   how long the batcher waits for requests already on their way before running a batch
 * @param batchMaxSize    the most examples in one batched forward pass
 * @param modelCacheSize  how many model versions are kept loaded (least recently used ones are dropped)
 * @param stopTimeout     how long {@link SarafServer#close()} lets requests in flight finish
 */
public record ServerConfig(String host, int port, Path home, String databaseUrl, long maxBodyBytes,
        long maxUploadBytes, boolean inferenceAuth, boolean batching, Duration batchMaxDelay, int batchMaxSize,
        int modelCacheSize, Duration stopTimeout) {

    /** Checks every field. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024 || maxUploadBytes < 1024) {
            throw new IllegalArgumentException("body limits must be at least 1024 bytes, got " + maxBodyBytes
                    + " and " + maxUploadBytes);
        }
        if (batchMaxSize < 1) {
            throw new IllegalArgumentException("batchMaxSize must be at least 1, got " + batchMaxSize);
        }
        if (batchMaxDelay.isNegative() || batchMaxDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("batchMaxDelay must be 0..1 s, got " + batchMaxDelay);
        }
        if (modelCacheSize < 1) {
            throw new IllegalArgumentException("modelCacheSize must be at least 1, got " + modelCacheSize);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative, got " + stopTimeout);
        }
    }

    /**
     * 127.0.0.1:8080, SQLite under {@code home}, 16 MiB request bodies, 512 MiB model uploads, open
     * inference, batching on (2 ms, 64 examples), 8 cached models, 10 s to finish requests at shutdown.
     */
    public static ServerConfig defaults(Path home) {
        return new ServerConfig("127.0.0.1", 8080, home, null, 16L << 20, 512L << 20, false, true,
                Duration.ofMillis(2), 64, 8, Duration.ofSeconds(10));
    }

    /** This configuration bound to {@code host} and {@code port}. */
    public ServerConfig withAddress(String newHost, int newPort) {
        return new ServerConfig(newHost, newPort, home, databaseUrl, maxBodyBytes, maxUploadBytes, inferenceAuth,
                batching, batchMaxDelay, batchMaxSize, modelCacheSize, stopTimeout);
    }

    /** This configuration with the registry metadata in {@code jdbcUrl} (null: SQLite under home). */
    public ServerConfig withDatabase(String jdbcUrl) {
        return new ServerConfig(host, port, home, jdbcUrl, maxBodyBytes, maxUploadBytes, inferenceAuth, batching,
                batchMaxDelay, batchMaxSize, modelCacheSize, stopTimeout);
    }

    /** This configuration with other body limits. */
    public ServerConfig withLimits(long newMaxBodyBytes, long newMaxUploadBytes) {
        return new ServerConfig(host, port, home, databaseUrl, newMaxBodyBytes, newMaxUploadBytes, inferenceAuth,
                batching, batchMaxDelay, batchMaxSize, modelCacheSize, stopTimeout);
    }

    /** This configuration with inference open ({@code false}) or token-protected ({@code true}). */
    public ServerConfig withInferenceAuth(boolean on) {
        return new ServerConfig(host, port, home, databaseUrl, maxBodyBytes, maxUploadBytes, on, batching,
                batchMaxDelay, batchMaxSize, modelCacheSize, stopTimeout);
    }

    /** This configuration with dynamic batching on or off, and its delay and size. */
    public ServerConfig withBatching(boolean on, Duration maxDelay, int maxSize) {
        return new ServerConfig(host, port, home, databaseUrl, maxBodyBytes, maxUploadBytes, inferenceAuth, on,
                maxDelay, maxSize, modelCacheSize, stopTimeout);
    }

    /** This configuration with another shutdown grace period. */
    public ServerConfig withStopTimeout(Duration timeout) {
        return new ServerConfig(host, port, home, databaseUrl, maxBodyBytes, maxUploadBytes, inferenceAuth, batching,
                batchMaxDelay, batchMaxSize, modelCacheSize, timeout);
    }
}
