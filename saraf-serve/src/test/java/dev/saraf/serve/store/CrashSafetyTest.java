package dev.saraf.serve.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.io.ModelFile;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelSummary;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.Registry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM ({@link RegisterLoop}) registers, promotes and deletes
 * versions in a loop and is killed forcibly, several rounds; after each, the reopened registry
 * must hold no version without a verified blob, no blob or temporary file without a version,
 * no version whose bytes changed, and a sound database.
 */
class CrashSafetyTest {
    private static final int SQLITE_ROUNDS = 5;
    private static final int POSTGRES_ROUNDS = 3;

    @TempDir
    Path home;
    @TempDir
    Path files;

    @Test
    void sqliteSurvivesKillNineMidUpload() throws Exception {
        survivesKills(null, SQLITE_ROUNDS);
    }

    @Test
    void postgresSurvivesKillNineMidUpload() throws Exception {
        try (TestPostgres.Schema schema = TestPostgres.freshSchema()) {
            survivesKills(schema.url(), POSTGRES_ROUNDS);
        }
    }

    private void survivesKills(String url, int rounds) throws Exception {
        // small and larger files, so that kills land in writes, hashing, validation and commits
        for (int i = 0; i < 4; i++) {
            TestModelFiles.mlp(files, i, i % 2 == 0 ? 4 : 4000);
        }
        long seed = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, String> seen = new HashMap<>(); // "model/version" -> sha256: a version's bytes never change
        int operations = 0;
        for (int round = 0; round < rounds; round++) {
            // the first round waits for a finished operation before its random delay, so that
            // however slow the machine, some kill lands after work was committed
            operations += runAndKill(url, rng.nextLong(), 50 + rng.nextInt(700), round == 0);
            String context = "round " + round + " (seed " + seed + ")";
            try (Registry registry = Registry.open(home, url)) {
                checkConsistent(registry.models(), seen, context);
            }
            checkDatabase(url, context);
        }
        assertThat(operations).as("operations finished before the kills: the child did work").isPositive();
    }

    /**
     * Starts the child, kills it {@code killAfterMs} after it is ready (or, with {@code afterWork},
     * after its first finished operation); returns how many operations it finished.
     */
    private int runAndKill(String url, long childSeed, int killAfterMs, boolean afterWork) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RegisterLoop.class.getName(),
                home.toString(), url == null ? "-" : url, files.toString(), Long.toString(childSeed))
                .redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.matches("(registered|promoted|deleted) m\\d \\d+")) {
                        done.incrementAndGet();
                    } else {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        try {
            boolean started = ready.await(60, TimeUnit.SECONDS);
            assertThat(started).as("child ready; its output:\n%s", output).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (afterWork && done.get() == 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(killAfterMs);
            assertThat(child.isAlive()).as("child still running before the kill; its output:\n%s", output).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        return done.get();
    }

    private void checkConsistent(ModelRegistry models, Map<String, String> seen, String context) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (ModelSummary summary : models.listModels()) {
            int production = 0;
            for (ModelVersion v : models.model(summary.name()).orElseThrow().versions()) {
                Path blob = models.blob(v); // throws when missing or corrupted
                referenced.add(v.sha256());
                String before = seen.putIfAbsent(v.model() + "/" + v.version(), v.sha256());
                assertThat(before).as("%s: %s/%s keeps its bytes", context, v.model(), v.version()).isIn(null, v.sha256());
                production += v.stage() == dev.saraf.serve.registry.Stage.PRODUCTION ? 1 : 0;
                assertThat(ModelFile.load(blob).provenance()).isNotNull();
            }
            assertThat(production).as("%s: production versions of %s", context, summary.name()).isLessThanOrEqualTo(1);
        }
        try (Stream<Path> s = Files.walk(home.resolve("blobs"))) {
            List<String> present = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(present).as("%s: files in the blob store (no orphans, no temporary files)", context)
                    .containsExactlyInAnyOrderElementsOf(referenced);
        }
    }

    /** The database itself: sound (SQLite integrity check), and version counters ahead of every version. */
    private void checkDatabase(String url, String context) throws Exception {
        try (Connection c = DriverManager.getConnection(url != null ? url : "jdbc:sqlite:" + home.resolve("registry.db"));
                Statement s = c.createStatement()) {
            if (url == null) {
                try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertThat(r.getString(1)).as("%s: SQLite integrity", context).isEqualTo("ok");
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM model_versions v JOIN models m ON m.name = v.model "
                    + "WHERE v.version >= m.next_version")) {
                r.next();
                assertThat(r.getInt(1)).as("%s: versions at or past their model's next number", context).isZero();
            }
        }
    }
}
