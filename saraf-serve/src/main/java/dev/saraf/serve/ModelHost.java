package dev.saraf.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.io.LoadedModel;
import dev.saraf.io.ModelFile;
import dev.saraf.serve.engine.Batcher;
import dev.saraf.serve.engine.ModelCache;
import dev.saraf.serve.engine.ServedModel;
import dev.saraf.serve.oip.Protocol;
import dev.saraf.serve.registry.ModelNames;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.RegistryException;
import java.io.IOException;

/**
 * Finds the model version a request names (or the default one: production, else the newest
 * non-archived) in the registry, and keeps versions loaded in a bounded cache, each with its
 * batcher when batching is on. Because the cache key holds the version and its content hash, a
 * change of production version is picked up on the next request.
 */
final class ModelHost implements AutoCloseable {
    /** A cache key: one version of one model, by content. */
    record Key(String model, int version, String sha256) {}

    private final ModelRegistry registry;
    private final ServerConfig config;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final ModelCache<Key> cache;

    ModelHost(ModelRegistry registry, ServerConfig config, ObjectMapper json, Metrics metrics) {
        this.registry = registry;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.cache = new ModelCache<>(config.modelCacheSize());
    }

    /** Loaded versions, for the metrics gauge. */
    int loaded() {
        return cache.size();
    }

    /**
     * The registry entry of {@code model}'s {@code versionText} (null: the default version).
     *
     * @throws ApiException 400 for a malformed name or version, 404 for an unknown model or version
     */
    ModelVersion find(String model, String versionText) {
        if (!ModelNames.isValid(model)) {
            throw ApiException.badRequest("model name " + Protocol.quote(model)
                    + " is invalid: use 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
        if (versionText == null) {
            return registry.resolve(model).orElseThrow(() -> ApiException.notFound("model " + model
                    + " not found (or it has no version that is not archived)"));
        }
        int version = parseVersion(versionText);
        return registry.version(model, version).orElseThrow(() -> ApiException.notFound("model " + model
                + " version " + version + " not found"));
    }

    /** A version number from a path: 1 to 9 digits. */
    static int parseVersion(String text) {
        if (text == null || !text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
            throw ApiException.badRequest("version " + Protocol.quote(text) + " is invalid: versions are whole numbers from 1");
        }
        return Integer.parseInt(text);
    }

    /** {@code version} loaded (from the cache, or now). */
    ModelCache.Loaded load(ModelVersion version) {
        return cache.get(new Key(version.model(), version.version(), version.sha256()), this::loadNow);
    }

    private ModelCache.Loaded loadNow(Key key) {
        ModelVersion v = registry.version(key.model(), key.version()).orElseThrow(() -> ApiException.notFound(
                "model " + key.model() + " version " + key.version() + " not found"));
        LoadedModel loaded;
        try {
            loaded = ModelFile.load(registry.blob(v));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "model " + key.model() + " version "
                    + key.version() + " cannot be loaded: " + e.getMessage(), e);
        }
        ServedModel served;
        try {
            served = ServedModel.of(key.model(), key.version(), key.sha256(), loaded, json);
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, "model " + key.model() + " version " + key.version()
                    + " cannot be served: " + e.getMessage());
        }
        Batcher batcher = config.batching()
                ? new Batcher(served, config.batchMaxSize(), config.batchMaxDelay(), metrics::batch)
                : null;
        return new ModelCache.Loaded(served, batcher);
    }

    /** Drops a deleted version from memory. */
    void forget(String model, int version) {
        cache.evictIf(k -> k.model().equals(model) && k.version() == version);
    }

    @Override
    public void close() {
        cache.close();
    }
}
