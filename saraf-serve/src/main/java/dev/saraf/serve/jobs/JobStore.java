package dev.saraf.serve.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jobs table, so that jobs outlive the server process: one row per job with its spec, state,
 * registered version or error, and the epochs trained so far (JSON). SQLite in
 * {@code <home>/jobs.db} by default (its own file, so the registry's database and its lock stay
 * the registry's alone), or the table {@code saraf_jobs} in the PostgreSQL database the registry
 * uses. The table is created when missing; {@code saraf_jobs_schema} records its version for later
 * migrations. One connection, used under this object's lock (jobs change a few times a second at most).
 */
public final class JobStore implements AutoCloseable {
    private static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    private JobStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens the jobs table in {@code jdbcUrl} (a PostgreSQL URL), or in {@code <home>/jobs.db} when it is null.
     *
     * @throws IllegalStateException when the database cannot be opened or the table created
     */
    public static JobStore open(Path home, String jdbcUrl) {
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + home.resolve("jobs.db").toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(home);
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                if (jdbcUrl == null) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
                s.execute("CREATE TABLE IF NOT EXISTS saraf_jobs_schema (version INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS saraf_jobs (id VARCHAR(40) PRIMARY KEY, spec TEXT NOT NULL, "
                        + "state VARCHAR(16) NOT NULL, created VARCHAR(40) NOT NULL, updated VARCHAR(40) NOT NULL, "
                        + "error TEXT, version INTEGER, epochs TEXT NOT NULL)");
                try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM saraf_jobs_schema")) {
                    int v = r.next() ? r.getInt(1) : 0;
                    if (v > SCHEMA) {
                        c.close();
                        throw new IllegalStateException("the jobs table has schema version " + v + ", newer than this saraf's " + SCHEMA);
                    }
                    if (v < SCHEMA) {
                        s.execute("INSERT INTO saraf_jobs_schema (version) VALUES (" + SCHEMA + ")");
                    }
                }
            }
            return new JobStore(c);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the jobs table in " + (jdbcUrl != null ? "the PostgreSQL database" : url)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Adds a new job's row. */
    public synchronized void insert(Job job) {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO saraf_jobs (id, spec, state, created, updated, error, version, epochs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, job.id());
            p.setString(2, json(job.spec().toMap()));
            p.setString(3, job.state().wireName());
            p.setString(4, job.created().toString());
            p.setString(5, Instant.now().toString());
            p.setString(6, job.error());
            p.setObject(7, job.version());
            p.setString(8, json(job.epochs()));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /** Writes a job's state, error, version and epochs. */
    public synchronized void update(Job job) {
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE saraf_jobs SET state = ?, updated = ?, error = ?, version = ?, epochs = ? WHERE id = ?")) {
            p.setString(1, job.state().wireName());
            p.setString(2, Instant.now().toString());
            p.setString(3, job.error());
            p.setObject(4, job.version());
            p.setString(5, json(job.epochs()));
            p.setString(6, job.id());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record job " + job.id() + ": " + e.getMessage(), e);
        }
    }

    /** Every job, oldest first. */
    public synchronized List<Job> all() {
        List<Job> jobs = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT id, spec, state, created, updated, error, version, epochs FROM saraf_jobs ORDER BY created, id")) {
            while (r.next()) {
                JobSpec spec = JobSpec.parse(JSON.readTree(r.getString(2)));
                Job job = new Job(r.getString(1), spec, Instant.parse(r.getString(4)), JobState.of(r.getString(3)));
                int v = r.getInt(7);
                Integer version = r.wasNull() ? null : v;
                List<Map<String, Object>> epochs = JSON.readValue(r.getString(8), new TypeReference<>() {});
                job.restore(JobState.of(r.getString(3)), r.getString(6), version, epochs, Instant.parse(r.getString(5)));
                jobs.add(job);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the jobs table: " + e.getMessage(), e);
        }
        return jobs;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing left to save
        }
    }
}
