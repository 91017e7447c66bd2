package dev.saraf.serve.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL for tests: the server named by the environment variable {@value #ENV} (a JDBC URL,
 * e.g. {@code jdbc:postgresql://127.0.0.1:5433/postgres?user=saraf}; {@code scripts/start-test-postgres.sh}
 * starts one and prints it). Without it, tests that need PostgreSQL are skipped. Each test gets a
 * fresh schema, dropped afterwards, so tests never see each other's rows.
 */
final class TestPostgres {
    static final String ENV = "SARAF_TEST_PG_URL";

    /** A schema of its own on the test server, as a JDBC URL whose {@code currentSchema} is it. */
    record Schema(String baseUrl, String name, String url) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            execute(baseUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private TestPostgres() {}

    /** The server's URL, or skips the calling test when {@value #ENV} is not set. */
    static String urlOrSkip() {
        String url = System.getenv(ENV);
        assumeTrue(url != null && !url.isBlank(), ENV + " is not set: PostgreSQL tests skipped (scripts/start-test-postgres.sh starts a server)");
        return url;
    }

    /** Creates a new, empty schema; skips the calling test when {@value #ENV} is not set. */
    static Schema freshSchema() throws SQLException {
        String base = urlOrSkip();
        String name = "saraf_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(base, "CREATE SCHEMA " + name);
        return new Schema(base, name, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
