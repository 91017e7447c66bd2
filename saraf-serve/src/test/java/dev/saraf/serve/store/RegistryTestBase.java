package dev.saraf.serve.store;

import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.Registry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a registry in a fresh home before each test and closes it after: on SQLite
 * ({@code <home>/registry.db}) or, when {@link #postgres()} says so, in a fresh schema on the
 * PostgreSQL test server (skipped without {@code SARAF_TEST_PG_URL}).
 */
abstract class RegistryTestBase {
    @TempDir
    Path home;
    @TempDir
    Path files;
    Registry registry;
    ModelRegistry models;
    /** The database URL of this test (null: SQLite in the home), for reopening the same database. */
    String jdbcUrl;
    private TestPostgres.Schema schema;

    /** Whether the tests run on PostgreSQL rather than SQLite. */
    abstract boolean postgres();

    @BeforeEach
    void openRegistry() throws Exception {
        if (postgres()) {
            schema = TestPostgres.freshSchema();
            jdbcUrl = schema.url();
        }
        registry = Registry.open(home, jdbcUrl);
        models = registry.models();
    }

    @AfterEach
    void closeRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** Closes the registry and opens it again on the same home and database. */
    void reopen() {
        registry.close();
        registry = null;
        registry = Registry.open(home, jdbcUrl);
        models = registry.models();
    }
}
