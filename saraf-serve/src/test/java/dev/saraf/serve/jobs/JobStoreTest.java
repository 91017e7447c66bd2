package dev.saraf.serve.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs table round-trips jobs in SQLite and PostgreSQL (the latter when SARAF_TEST_PG_URL names a server). */
class JobStoreTest {
    @TempDir
    Path home;

    private static JobSpec spec() {
        return JobSpec.parse(JobsHarness.JSON.createObjectNode().put("register_as", "digits").put("data", "mnist")
                .put("model", "cnn").put("epochs", 3).put("lr", 0.002).put("seed", 7));
    }

    private static void roundTrip(Path home, String url) {
        Job job = new Job("job-0123456789abcdef", spec(), Instant.parse("2026-11-27T16:00:00Z"), JobState.QUEUED);
        try (JobStore store = JobStore.open(home, url)) {
            store.insert(job);
            job.setState(JobState.RUNNING, null, null);
            job.epoch(Map.of("epoch", 1, "loss", 0.5, "val_accuracy", 0.9));
            store.update(job);
        }
        try (JobStore store = JobStore.open(home, url)) { // as after a restart
            List<Job> all = store.all();
            assertThat(all).hasSize(1);
            Job back = all.getFirst();
            assertThat(back.id()).isEqualTo(job.id());
            assertThat(back.spec()).isEqualTo(job.spec());
            assertThat(back.state()).isEqualTo(JobState.RUNNING);
            assertThat(back.created()).isEqualTo(job.created());
            assertThat(back.epochs()).hasSize(1);
            assertThat(back.epochs().getFirst().get("val_accuracy")).isEqualTo(0.9);
            back.setState(JobState.SUCCEEDED, null, 4);
            store.update(back);
            assertThat(store.all().getFirst().version()).isEqualTo(4);
        }
    }

    @Test
    void sqliteKeepsJobsAcrossReopening() {
        roundTrip(home, null);
    }

    @Test
    void postgresKeepsJobsAcrossReopening() throws Exception {
        String base = System.getenv("SARAF_TEST_PG_URL");
        assumeTrue(base != null && !base.isBlank(), "SARAF_TEST_PG_URL is not set: PostgreSQL test skipped");
        String schema = "saraf_jobs_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            roundTrip(home, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        JobStore.open(home, null).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("jobs.db")); Statement s = c.createStatement()) {
            s.execute("INSERT INTO saraf_jobs_schema (version) VALUES (99)");
        }
        assertThatThrownBy(() -> JobStore.open(home, null)).hasMessageContaining("schema version 99");
    }

    @Test
    void specsRoundTripThroughTheirJson() {
        JobSpec s = spec();
        assertThat(JobSpec.parse(JobsHarness.JSON.valueToTree(s.toMap()))).isEqualTo(s);
    }
}
