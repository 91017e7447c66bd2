package dev.saraf.serve.store;

import dev.saraf.serve.registry.Registry;
import java.nio.file.Path;

/** The {@link Registry} over a JDBC database (SQLite or PostgreSQL) and a blob directory. */
public final class JdbcRegistry {
    private JdbcRegistry() {}

    /** See {@link Registry#open}. */
    public static Registry open(Path home, String jdbcUrl) {
        throw new UnsupportedOperationException("Registry.open: in progress");
    }
}
