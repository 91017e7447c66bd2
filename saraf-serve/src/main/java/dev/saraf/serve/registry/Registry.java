package dev.saraf.serve.registry;

import java.nio.file.Path;

/**
 * The registry of one saraf home: its {@link ModelRegistry models} and {@link TokenStore API
 * tokens}, over one database. Open it once per process and close it at shutdown.
 *
 * <pre>{@code
 * try (Registry registry = Registry.open(Path.of("~/.saraf"), null)) {     // SQLite in <home>/registry.db
 *     ModelVersion v = registry.models().register("mnist", Path.of("mnist.safetensors"), "alice");
 *     registry.models().setStage("mnist", v.version(), Stage.PRODUCTION);
 *     String token = registry.tokens().create("ci");                      // shown once
 * }
 * }</pre>
 */
public interface Registry extends AutoCloseable {

    /**
     * Opens (creating when needed) the registry under {@code home}: blobs in
     * {@code <home>/blobs}, metadata in {@code <home>/registry.db} (SQLite, WAL) or, when
     * {@code jdbcUrl} is not null, in that PostgreSQL database ({@code jdbc:postgresql://host:port/db?user=...});
     * pending schema migrations are applied, and leftovers of a crash (temporary files, blobs no
     * version refers to) are removed.
     *
     * @throws RegistryException STORAGE when the directory or database cannot be opened or migrated
     */
    static Registry open(Path home, String jdbcUrl) {
        return dev.saraf.serve.store.JdbcRegistry.open(home, jdbcUrl);
    }

    /** The models and their versions. */
    ModelRegistry models();

    /** The API tokens. */
    TokenStore tokens();

    /** Closes the database connections and releases the home's lock. */
    @Override
    void close();
}
