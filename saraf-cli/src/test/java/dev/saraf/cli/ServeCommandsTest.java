package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.serve.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saraf serve} and {@code saraf token}, in-process. */
class ServeCommandsTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Saraf.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void tokenCreatePrintsATokenTheRegistryAcceptsAndRevokeEndsIt() {
        assertThat(run("token", "create", "--home", home.toString(), "--label", "ci")).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(token).startsWith("saraf_");
        String id;
        try (Registry r = Registry.open(home, null)) {
            assertThat(r.tokens().verify(token)).isPresent();
            id = r.tokens().list().getFirst().id();
        }
        out.reset();
        assertThat(run("token", "list", "--home", home.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(id).contains("ci").doesNotContain(token);
        assertThat(run("token", "revoke", "--home", home.toString(), id)).isZero();
        try (Registry r = Registry.open(home, null)) {
            assertThat(r.tokens().verify(token)).isEmpty();
        }
        assertThat(run("token", "revoke", "--home", home.toString(), id)).isEqualTo(Saraf.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no live token");
    }

    @Test
    void serveHelpAndBadOptions() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port").contains("--db").contains("Examples");
        assertThat(run("serve", "--port", "http")).isEqualTo(Saraf.USAGE_ERROR);
        assertThat(run("serve", "--home", home.toString(), "--batch-delay-ms", "5000")).isEqualTo(Saraf.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--batch-delay-ms");
        assertThat(run("token")).isEqualTo(Saraf.USAGE_ERROR);
    }
}
