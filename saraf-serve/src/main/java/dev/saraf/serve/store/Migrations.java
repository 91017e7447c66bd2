package dev.saraf.serve.store;

import dev.saraf.serve.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's schema migrations: resources {@code migrations/V1.sql}, {@code V2.sql}, ... next
 * to this class, applied in order (a {@code V<n>.<dialect>.sql} replaces {@code V<n>.sql} for that
 * dialect). The table {@code schema_version} has one row per applied script. At startup every
 * pending script runs in one transaction, under a lock, so a crash or a concurrent start leaves
 * the schema at the old version or the new one; a database newer than this code is refused.
 *
 * <p>To change the schema, add the next script; never edit one that has shipped.
 */
final class Migrations {

    /** One migration script. */
    record Script(int version, String description, String sql) {}

    private Migrations() {}

    /** The scripts for {@code dialect}, V1 first. */
    static List<Script> scripts(Dialect dialect) {
        List<Script> scripts = new ArrayList<>();
        for (int v = 1; ; v++) {
            String sql = resource("migrations/V" + v + "." + dialect.scriptSuffix() + ".sql");
            if (sql == null) {
                sql = resource("migrations/V" + v + ".sql");
            }
            if (sql == null) {
                return scripts;
            }
            scripts.add(new Script(v, description(sql), sql));
        }
    }

    /** The newest schema version this code knows. */
    static int latest(Dialect dialect) {
        return scripts(dialect).size();
    }

    /** Brings the database to the latest schema; returns the version it is at. */
    static int migrate(Database db) {
        return migrate(db, latest(db.dialect()));
    }

    /**
     * Brings the database to schema {@code target} (for tests of old schemas; normally the latest).
     *
     * @throws RegistryException STORAGE when the database is newer than this code or a script fails
     */
    static int migrate(Database db, int target) {
        List<Script> scripts = scripts(db.dialect());
        return db.transaction(c -> {
            db.dialect().lockForMigration(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            int current = currentVersion(c);
            if (current > scripts.size()) {
                throw new RegistryException(RegistryException.Kind.STORAGE, "registry database: schema version " + current
                        + " is newer than this saraf knows (" + scripts.size() + "); upgrade saraf");
            }
            for (Script script : scripts.subList(current, Math.max(current, target))) {
                apply(c, script);
            }
            return currentVersion(c);
        });
    }

    /** The schema version recorded in {@code c}'s database (0 when none). */
    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static void apply(Connection c, Script script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script.sql())) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new SQLException("migration V" + script.version() + " (" + script.description() + ") failed at: "
                            + statement + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            p.setInt(1, script.version());
            p.setString(2, script.description());
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
    }

    /** The script's statements: comment lines dropped, split at semicolons (the scripts have none inside literals). */
    static List<String> statements(String sql) {
        StringBuilder code = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static String description(String sql) {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.startsWith("--") ? first.substring(2).strip() : "";
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }
}
