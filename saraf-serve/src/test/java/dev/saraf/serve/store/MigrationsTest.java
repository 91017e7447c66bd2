package dev.saraf.serve.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.Stage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migrations: a database at V1 reaches the latest with its data; failures and newer schemas leave it untouched. */
class MigrationsTest {
    @TempDir
    Path home;

    @Test
    void theScriptsAreNumberedFromOneWithDescriptions() {
        List<Migrations.Script> scripts = Migrations.scripts(Dialect.SQLITE);
        assertThat(scripts).extracting(Migrations.Script::version).containsExactly(1, 2);
        assertThat(scripts).extracting(Migrations.Script::description).doesNotContain("");
        assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\n-- d\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }

    @Test
    void sqliteAtV1MigratesToTheLatest() throws Exception {
        v1MigratesToTheLatest(null);
    }

    @Test
    void postgresAtV1MigratesToTheLatest() throws Exception {
        try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
            v1MigratesToTheLatest(schema.url());
        }
    }

    @Test
    void sqliteFailedMigrationChangesNothing() throws Exception {
        failedMigrationChangesNothing(null);
    }

    @Test
    void postgresFailedMigrationChangesNothing() throws Exception {
        try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
            failedMigrationChangesNothing(schema.url());
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        try (Database db = new Database(sqliteUrl())) {
            Migrations.migrate(db);
            db.transaction(c -> execute(c, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)"));
        }
        assertThatThrownBy(() -> Registry.open(home, null)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.STORAGE);
            assertThat(e.getMessage()).contains("schema version 99 is newer");
        });
    }

    private void v1MigratesToTheLatest(String url) throws Exception {
        try (Database db = new Database(url != null ? url : sqliteUrl())) {
            assertThat(Migrations.migrate(db, 1)).isEqualTo(1);
            db.transaction(c -> {
                execute(c, "INSERT INTO models (name, created_at, next_version) VALUES ('old', 1000, 3)");
                return execute(c, "INSERT INTO model_versions (model, version, stage, created_at, created_by, sha256, size_bytes, metrics, "
                        + "provenance, architecture, extra, signature) VALUES ('old', 2, 'production', 2000, 'v1', '" + "0".repeat(64)
                        + "', 10, '{\"acc\":0.5}', '{}', '{}', '{}', '{\"inputs\":[],\"outputs\":[],\"classNames\":[]}')");
            });
            assertThatThrownBy(() -> db.read(c -> execute(c, "SELECT COUNT(*) FROM api_tokens"))).isInstanceOf(RegistryException.class);
        }
        try (Registry registry = Registry.open(home, url)) {
            ModelVersion v = registry.models().version("old", 2).orElseThrow();
            assertThat(v.stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(v.metrics()).containsEntry("acc", 0.5);
            assertThat(registry.models().resolve("old")).contains(v);
            String token = registry.tokens().create("after-migration");
            assertThat(registry.tokens().verify(token)).isPresent();
        }
        try (Database db = new Database(url != null ? url : sqliteUrl())) {
            assertThat(db.read(MigrationsTest::appliedVersions)).containsExactly(1, 2);
        }
    }

    private void failedMigrationChangesNothing(String url) throws Exception {
        try (Database db = new Database(url != null ? url : sqliteUrl())) {
            Migrations.migrate(db, 1);
            // A table V2 is about to create already exists: V2 fails part-way.
            db.transaction(c -> execute(c, "CREATE TABLE api_tokens (x INTEGER)"));
            assertThatThrownBy(() -> Migrations.migrate(db)).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.getMessage()).contains("migration V2"));
            assertThat(db.read(MigrationsTest::appliedVersions)).containsExactly(1);
            db.transaction(c -> execute(c, "DROP TABLE api_tokens"));
            assertThat(Migrations.migrate(db)).isEqualTo(2);
        }
    }

    private String sqliteUrl() {
        return "jdbc:sqlite:" + home.resolve("registry.db");
    }

    private static List<Integer> appliedVersions(Connection c) throws java.sql.SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (r.next()) {
                out.add(r.getInt(1));
            }
        }
        return out;
    }

    private static boolean execute(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            return s.execute(sql);
        }
    }
}
