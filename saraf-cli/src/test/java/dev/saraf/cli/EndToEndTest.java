package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.io.Json;
import dev.saraf.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny train runs on generated CSV files and image folders, then evaluate, predict and summary on what they wrote. */
class EndToEndTest {

    private static Map<String, Object> report(Path run) throws Exception {
        return Json.parseObject(Files.readString(run.resolve("report.json")));
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void csvClassificationWithStringLabels(@TempDir Path dir) throws Exception {
        Path csv = TinyData.classificationCsv(dir, 150, 1);
        Path run = dir.resolve("run");
        Cli.Result t = Cli.run("train", "--data", "csv:" + csv, "--label", "species", "--epochs", "15", "--batch-size", "16",
                "--out", run.toString(), "--threads", "1");
        assertThat(t.exitCode()).as(t.toString()).isZero();
        assertThat(t.out()).contains("Test accuracy:").contains("setosa").contains(run.resolve("model.safetensors").toString());
        for (String f : new String[] {"model.safetensors", "history.csv", "report.json"}) {
            assertThat(run.resolve(f)).isRegularFile();
        }
        Map<String, Object> rep = report(run);
        assertThat(number(rep, "test_accuracy")).isGreaterThanOrEqualTo(0.9);
        assertThat(number(rep, "test_examples")).isEqualTo(30); // 20% of 150
        assertThat(rep).containsEntry("model", "mlp").containsKeys("per_class", "confusion_matrix", "seconds", "seed");
        assertThat(((Map<?, ?>) rep.get("per_class")).keySet()).hasToString("[setosa, versicolor, virginica]");
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(16);
        // what evaluate, predict and the server read back
        Map<String, String> extra = ModelFile.load(run.resolve("model.safetensors")).extra();
        assertThat(extra).containsEntry("class_names", "[\"setosa\",\"versicolor\",\"virginica\"]")
                .containsEntry("input_shape", "[4]").containsEntry("task", "classification").containsKey("preprocessing");

        // evaluate applies the recorded standardisation: all 150 rows, nearly all right.
        Cli.Result e = Cli.run("evaluate", run.resolve("model.safetensors").toString(), "--data", "csv:" + csv, "--json");
        assertThat(e.exitCode()).as(e.toString()).isZero();
        Map<String, Object> metrics = Json.parseObject(e.out());
        assertThat(number(metrics, "examples")).isEqualTo(150);
        assertThat(number(metrics, "accuracy")).isGreaterThanOrEqualTo(0.9);

        // predict: one result per row, classes by name, probabilities that sum to 1.
        Cli.Result p = Cli.run("predict", run.toString(), csv.toString(), "--json");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        List<?> results = (List<?>) Json.parse(p.out());
        assertThat(results).hasSize(150);
        Map<?, ?> first = (Map<?, ?>) results.getFirst();
        assertThat(first.get("class")).isEqualTo("setosa");
        assertThat(first.get("input")).isEqualTo(csv + ":2");
        double sum = ((Map<?, ?>) first.get("probabilities")).values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        Cli.Result text = Cli.run("predict", run.toString(), csv.toString(), "--top", "2");
        assertThat(text.out().lines().findFirst().orElseThrow()).startsWith(csv + ":2: setosa (");

        Cli.Result s = Cli.run("summary", run.resolve("model.safetensors").toString());
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.out()).contains("Total params: 34,563").contains("standardised").contains("test_accuracy")
                .contains("csv:" + csv);
    }

    @Test
    void csvRegressionReportsR2(@TempDir Path dir) throws Exception {
        Path csv = TinyData.regressionCsv(dir, 300, 2);
        Path run = dir.resolve("run");
        Cli.Result t = Cli.run("train", "--data", "csv:" + csv, "--task", "regression", "--epochs", "30", "--batch-size", "16",
                "--out", run.toString(), "--threads", "1");
        assertThat(t.exitCode()).as(t.toString()).isZero();
        assertThat(t.out()).contains("Test R²");
        Map<String, Object> rep = report(run);
        assertThat(number(rep, "test_r2")).isGreaterThanOrEqualTo(0.95);
        assertThat(rep).containsKeys("test_mse", "test_mae").doesNotContainKey("per_class");

        Cli.Result p = Cli.run("predict", run.toString(), csv.toString(), "--json");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        Map<?, ?> first = (Map<?, ?>) ((List<?>) Json.parse(p.out())).getFirst();
        double y = Double.parseDouble(Files.readAllLines(csv).get(1).split(",")[3]);
        assertThat(((Number) first.get("prediction")).doubleValue()).isCloseTo(y, org.assertj.core.data.Offset.offset(0.5));

        Cli.Result e = Cli.run("evaluate", run.toString(), "--data", "csv:" + csv);
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(e.out()).contains("R²");
        // an image is not a CSV row: one line, exit 1
        Path png = dir.resolve("x.png");
        Files.write(png, TinyData.barPng(true, 3));
        Cli.Result wrong = Cli.run("predict", run.toString(), png.toString());
        assertThat(wrong.exitCode()).isEqualTo(Saraf.FAILURE);
        assertThat(wrong.errLines()).as(wrong.toString()).hasSize(1);
        assertThat(wrong.err()).contains("CSV rows");
    }

    @Test
    void imageFolder(@TempDir Path dir) throws Exception {
        Path images = TinyData.barImages(dir, 20, 3);
        Path run = dir.resolve("run");
        Cli.Result t = Cli.run("train", "--data", "images:" + images, "--image-size", "12", "--model", "lenet5", "--epochs", "12",
                "--batch-size", "8", "--out", run.toString(), "--threads", "1");
        assertThat(t.exitCode()).as(t.toString()).isZero();
        assertThat(number(report(run), "test_accuracy")).isGreaterThanOrEqualTo(0.85);

        Path png = dir.resolve("probe.png");
        Files.write(png, TinyData.barPng(true, 6));
        Cli.Result p = Cli.run("predict", run.resolve("model.safetensors").toString(), png.toString(), "--json");
        assertThat(p.exitCode()).as(p.toString()).isZero();
        Map<?, ?> first = (Map<?, ?>) ((List<?>) Json.parse(p.out())).getFirst();
        assertThat(first.get("class")).isEqualTo("vertical");
        assertThat(((Map<?, ?>) first.get("probabilities")).keySet()).hasToString("[horizontal, vertical]");

        Cli.Result e = Cli.run("evaluate", run.toString(), "--data", "images:" + images);
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(e.out()).contains("40 examples").contains("horizontal").contains("Confusion matrix");

        Cli.Result s = Cli.run("summary", run.toString());
        assertThat(s.out()).contains("[1, 1, 12, 12]").contains("grey, resized to 12x12");
    }

    /** Zero epochs still evaluates, saves and reports; --validation-split on a named set keeps its test set for the report. */
    @Test
    void zeroEpochsOnTheBundledDigits(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Cli.Result t = Cli.run("train", "--data", "mnist-10k", "--model", "perceptron", "--epochs", "0", "--validation-split", "0.25",
                "--out", run.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        assertThat(t.err()).contains("6,000 training and 2,000 test examples");
        Map<String, Object> rep = report(run);
        assertThat(number(rep, "test_examples")).isEqualTo(2000);
        assertThat(number(rep, "epochs")).isZero();
        assertThat(number(rep, "test_accuracy")).isLessThan(0.5); // an untrained linear model
        assertThat(rep).containsEntry("dataset", "mnist-10k").containsEntry("held_out", "test set");
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSizeLessThanOrEqualTo(1);
        Cli.Result s = Cli.run("summary", run.toString());
        assertThat(s.out()).contains("Total params: 7,850").contains("Data: mnist-10k");
    }

    /** The CNN has dropout, the image folder a seeded split and shuffling: all must repeat. */
    @Test
    void sameSeedAndThreadsGiveTheSameHistory(@TempDir Path dir) throws Exception {
        Path images = TinyData.barImages(dir, 10, 4);
        String[] history = new String[2];
        for (int i = 0; i < 2; i++) {
            Path run = dir.resolve("run" + i);
            Cli.Result t = Cli.run("train", "--data", "images:" + images, "--image-size", "8", "--model", "cnn", "--epochs", "2",
                    "--batch-size", "4", "--out", run.toString(), "--threads", "2", "--seed", "9");
            assertThat(t.exitCode()).as(t.toString()).isZero();
            history[i] = withoutTimes(Files.readAllLines(run.resolve("history.csv")));
        }
        assertThat(history[1]).isEqualTo(history[0]);
        assertThat(history[0]).contains("val_loss");
    }

    /** history.csv without its wall-time columns (seconds, samples_per_second). */
    static String withoutTimes(List<String> lines) {
        List<String> header = List.of(lines.getFirst().split(","));
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",");
            for (int c = 0; c < cells.length; c++) {
                if (!header.get(c).equals("seconds") && !header.get(c).equals("samples_per_second")) {
                    sb.append(cells[c]).append(',');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
