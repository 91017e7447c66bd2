package dev.saraf.serve.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs API over real HTTP: train and register, follow events, cancel, refuse bad requests, survive a restart. */
class JobsApiTest {
    @TempDir
    Path home;

    private static String job(String registerAs, int epochs, int limit) {
        return "{\"register_as\": \"" + registerAs + "\", \"data\": \"mnist-10k\", \"model\": \"mlp\", \"epochs\": " + epochs
                + ", \"batch_size\": 64, \"optimizer\": \"adam\", \"lr\": 0.001, \"seed\": 1, \"limit\": " + limit + "}";
    }

    @Test
    void aJobTrainsStreamsItsProgressAndRegistersTheModel() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            HttpResponse<String> created = h.send("POST", "/api/jobs", job("digits", 2, 1024), true);
            assertThat(created.statusCode()).isEqualTo(201);
            String id = JobsHarness.JSON.readTree(created.body()).get("id").asText();
            List<JobsHarness.Event> events = h.events(id, e -> e.name().equals("state") && JobState.of(e.data().get("state").asText()).finished());
            JobsHarness.Event last = events.getLast();
            assertThat(last.data().get("state").asText()).isEqualTo("succeeded");
            assertThat(last.data().get("version").asInt()).isEqualTo(1);
            List<JobsHarness.Event> epochs = events.stream().filter(e -> e.name().equals("epoch")).toList();
            assertThat(epochs).hasSize(2);
            assertThat(epochs.getLast().data().get("loss").asDouble()).isLessThan(epochs.getFirst().data().get("loss").asDouble());
            assertThat(epochs.getLast().data().get("val_accuracy").asDouble()).isGreaterThan(0.5);
            JsonNode batch = events.stream().filter(e -> e.name().equals("batch")).findFirst().orElseThrow().data();
            assertThat(batch.get("samples_per_second").asDouble()).isPositive();
            assertThat(batch.has("loss") && batch.has("accuracy") && batch.has("epoch") && batch.has("batch")).isTrue();
            assertThat(h.registered).containsExactly("digits");

            JsonNode j = h.json("GET", "/api/jobs/" + id, null);
            assertThat(j.get("state").asText()).isEqualTo("succeeded");
            assertThat(j.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(j.get("epochs")).hasSize(2);
            assertThat(h.json("GET", "/api/jobs", null).get("jobs").get(0).get("id").asText()).isEqualTo(id);
            assertThat(Files.exists(home.resolve("jobs").resolve(id))).as("work folder removed").isFalse();
            // a late subscriber gets the finished state and the curves at once
            List<JobsHarness.Event> replay = h.events(id, e -> false);
            assertThat(replay.getFirst().name()).isEqualTo("state");
            assertThat(replay.stream().filter(e -> e.name().equals("epoch"))).hasSize(2);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            assertThat(h.send("GET", "/api/jobs", null, false).statusCode()).isEqualTo(401);
            assertThat(h.send("POST", "/api/jobs", job("digits", 1, 10), false).statusCode()).isEqualTo(401);
            record Bad(String body, String says) {}
            for (Bad bad : List.of(
                    new Bad("{", "malformed JSON"),
                    new Bad("[]", "JSON object"),
                    new Bad("{\"data\": \"mnist\"}", "register_as"),
                    new Bad("{\"register_as\": \"../x\", \"data\": \"mnist\"}", "register_as"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"csv:/etc/passwd\"}", "file paths are not accepted"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"mnist\", \"model\": \"resnet\"}", "\"model\" must be one of"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"mnist\", \"epochs\": 0}", "epochs"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"mnist\", \"lr\": -1}", "lr"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"mnist\", \"optimizer\": \"lbfgs\"}", "optimizer"),
                    new Bad("{\"register_as\": \"d\", \"data\": \"mnist\", \"bogus\": 1}", "unknown field"))) {
                HttpResponse<String> r = h.send("POST", "/api/jobs", bad.body(), true);
                assertThat(r.statusCode()).as(bad.body()).isEqualTo(400);
                assertThat(JobsHarness.JSON.readTree(r.body()).get("error").asText()).as(bad.body()).contains(bad.says());
            }
            HttpResponse<String> huge = h.send("POST", "/api/jobs", "{\"register_as\": \"" + "x".repeat(2 << 20) + "\"}", true);
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(h.send("GET", "/api/jobs/job-nope", null, true).statusCode()).isEqualTo(404);
            assertThat(h.send("DELETE", "/api/jobs/job-nope", null, true).statusCode()).isEqualTo(404);
            assertThat(h.jobs.list()).isEmpty();
        }
    }

    @Test
    void aJobThatCannotTrainFailsWithItsReason() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            // a custom architecture whose output does not fit ten classes
            String body = "{\"register_as\": \"d\", \"data\": \"mnist-10k\", \"limit\": 64, \"model\": {\"type\": \"Sequential\", "
                    + "\"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Linear\", \"in\": 784, \"out\": 3}]}}";
            String id = h.json("POST", "/api/jobs", body).get("id").asText();
            JsonNode j = h.awaitFinished(id, 60);
            assertThat(j.get("state").asText()).isEqualTo("failed");
            assertThat(j.get("error").asText()).contains("[1, 10]");
            assertThat(h.registered).isEmpty();
        }
    }

    @Test
    void cancellingStopsAJobAndRegistersNothing() throws Exception {
        try (JobsHarness h = new JobsHarness(home, 1)) {
            String running = h.json("POST", "/api/jobs", job("big", 50, 4096)).get("id").asText();
            String queued = h.json("POST", "/api/jobs", job("later", 1, 64)).get("id").asText();
            assertThat(h.json("DELETE", "/api/jobs/" + queued, null).get("state").asText()).isEqualTo("cancelled");
            h.events(running, e -> e.name().equals("batch"));
            h.json("DELETE", "/api/jobs/" + running, null);
            JsonNode j = h.awaitFinished(running, 60);
            assertThat(j.get("state").asText()).isEqualTo("cancelled");
            assertThat(j.get("epochs").size()).isLessThan(50);
            assertThat(h.registered).isEmpty();
        }
    }

    @Test
    void jobsSurviveARestartQueuedOnesRunAndRunningOnesResume() throws Exception {
        String running;
        String queued;
        try (JobsHarness h = new JobsHarness(home, 1)) {
            running = h.json("POST", "/api/jobs", job("long", 6, 2048)).get("id").asText();
            queued = h.json("POST", "/api/jobs", job("short", 1, 256)).get("id").asText();
            h.events(running, e -> e.name().equals("epoch"));
        } // the server stops: the running job stops after its batch, the queued one waits
        try (JobsHarness h = new JobsHarness(home, 1)) {
            JsonNode first = h.awaitFinished(running, 120);
            assertThat(first.get("state").asText()).isEqualTo("succeeded");
            assertThat(first.get("resumed_from_epoch").asInt()).isBetween(1, 5);
            assertThat(first.get("epochs")).hasSize(6);
            JsonNode second = h.awaitFinished(queued, 60);
            assertThat(second.get("state").asText()).isEqualTo("succeeded");
            assertThat(h.registered).containsExactly("long", "short");
        }
    }
}
