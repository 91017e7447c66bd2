package dev.saraf.serve.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What differs between the two databases the registry runs on. Everything else, including the
 * migration scripts, is SQL both accept ({@code BIGINT} epoch milliseconds for times, {@code TEXT}
 * for JSON, {@code INSERT ... ON CONFLICT DO NOTHING}, partial unique indexes).
 */
public enum Dialect {
    /** SQLite through sqlite-jdbc: one file, WAL journal, writers serialised by the file lock. */
    SQLITE("sqlite", 4) {
        @Override
        Properties connectionProperties() {
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");      // readers never block the writer
            p.setProperty("synchronous", "FULL");      // a commit survives power loss, not only kill -9
            p.setProperty("busy_timeout", "10000");    // wait for another writer instead of failing at once
            p.setProperty("foreign_keys", "true");
            // Transactions take the write lock at BEGIN, so two writers never deadlock upgrading a read lock.
            p.setProperty("transaction_mode", "IMMEDIATE");
            return p;
        }

        @Override
        void lockForMigration(Connection c) {
            // the IMMEDIATE transaction already holds the database's write lock
        }
    },
    /** PostgreSQL 12 or newer through the pgJDBC driver. */
    POSTGRES("postgres", 8) {
        @Override
        Properties connectionProperties() {
            Properties p = new Properties();
            p.setProperty("ApplicationName", "saraf");
            p.setProperty("connectTimeout", "10");
            return p;
        }

        @Override
        void lockForMigration(Connection c) throws SQLException {
            // Two servers starting together must not both apply a migration; the lock ends with the transaction.
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7261917380133466)");
            }
        }
    };

    private final String scriptSuffix;
    private final int poolSize;

    Dialect(String scriptSuffix, int poolSize) {
        this.scriptSuffix = scriptSuffix;
        this.poolSize = poolSize;
    }

    /** The dialect of a JDBC URL. */
    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("database URL must start with jdbc:postgresql: or jdbc:sqlite:, got "
                + (jdbcUrl.length() > 20 ? jdbcUrl.substring(0, 20) + "..." : jdbcUrl));
    }

    /** Properties for every new connection. */
    abstract Properties connectionProperties();

    /** Serialises concurrent migrations inside the migration's transaction. */
    abstract void lockForMigration(Connection c) throws SQLException;

    /** The suffix of a migration script written for this dialect only ({@code V3.postgres.sql}). */
    String scriptSuffix() {
        return scriptSuffix;
    }

    /** How many connections to keep open. */
    int poolSize() {
        return poolSize;
    }
}
