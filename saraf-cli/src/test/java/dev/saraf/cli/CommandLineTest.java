package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, help and the one-line errors of every command (nothing here trains). */
class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "summary", "datasets"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: saraf " + command).contains("Examples:").contains("saraf " + command);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void runningOutOfHeapSaysTheLimitAndHowToRaiseIt() {
        String line = Saraf.outOfMemory(768L << 20);
        assertThat(line).startsWith("saraf: out of memory").contains("768 MiB").contains("SARAF_JAVA_OPTS=-Xmx");
    }

    @Test
    void rootHelpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("train", "evaluate", "predict", "summary", "datasets", "Examples:");
        assertThat(Cli.run().out()).as("saraf alone prints the usage").contains("Commands:");
    }

    @Test
    void versionNamesSarafAndJava() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("saraf ").contains("Java ");
    }

    @Test
    void unknownCommandIsOneLineAndExitCode2() {
        Cli.Result r = Cli.run("trian");
        assertThat(r.exitCode()).isEqualTo(Saraf.USAGE_ERROR);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("trian");
    }

    @Test
    void badOptionValuesAreOneLineUsageErrors() {
        for (String[] args : new String[][] {
                {"train", "--epochs", "many"},
                {"train", "--epochs", "-1"},
                {"train", "--batch-size", "0"},
                {"train", "--lr", "-0.1"},
                {"train", "--validation-split", "1.5"},
                {"train", "--channels", "2"},
                {"train", "--optimizer", "lbfgs"},
                {"train", "--task", "clustering"},
                {"train", "--data", "mnist2"},
                {"train", "--model", "resnet"},
                {"train", "--no-such-option"},
                {"evaluate", "model.safetensors"},
                {"predict", "model.safetensors"},
                {"summary"},
                {"summary", "cnn", "--input", "1,0,28"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(Saraf.USAGE_ERROR);
            assertThat(r.errLines()).as(String.join(" ", args) + "\n" + r).hasSize(1);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("saraf").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void missingFilesAreOneLineFailures(@TempDir Path dir) {
        Path none = dir.resolve("none.safetensors");
        for (String[] args : new String[][] {
                {"evaluate", none.toString(), "--data", "mnist"},
                {"predict", none.toString(), "x.png"},
                {"summary", none.toString()},
                {"train", "--data", "csv:" + dir.resolve("none.csv")},
                {"train", "--data", "images:" + dir.resolve("none")},
                {"train", "--model", dir.resolve("none.json").toString()}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(Saraf.FAILURE);
            assertThat(r.errLines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).as(r.toString()).contains("none").doesNotContain("\tat ");
        }
    }

    @Test
    void debugAddsTheStackTrace(@TempDir Path dir) {
        Cli.Result r = Cli.run("summary", dir.resolve("none.safetensors").toString(), "--debug");
        assertThat(r.exitCode()).isEqualTo(Saraf.FAILURE);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void aCorruptModelFileIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("model.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        Cli.Result r = Cli.run("summary", bad.toString());
        assertThat(r.exitCode()).isEqualTo(Saraf.FAILURE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains(bad.toString());
    }

    @Test
    void aMalformedArchitectureFileIsOneLine(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("net.json");
        Files.writeString(json, "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Lineer\", \"in\": 4, \"out\": 2}]}");
        Cli.Result r = Cli.run("summary", json.toString(), "--input", "4");
        assertThat(r.exitCode()).isEqualTo(Saraf.FAILURE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("Lineer");
        Files.writeString(json, "{\"type\": ");
        assertThat(Cli.run("summary", json.toString()).errLines()).hasSize(1);
    }

    @Test
    void summaryOfABuiltinAndOfAJsonArchitecture(@TempDir Path dir) throws Exception {
        Cli.Result cnn = Cli.run("summary", "cnn");
        assertThat(cnn.exitCode()).as(cnn.toString()).isZero();
        // W-CNN's parameter count, as PyTorch's examples/mnist network has it.
        assertThat(cnn.out()).contains("Total params: 1,199,882").contains("[1, 9216]");
        Path json = dir.resolve("net.json");
        Files.writeString(json, """
                {"type": "Sequential", "layers": [
                  {"type": "Linear", "in": 13, "out": 8}, {"type": "ReLU"}, {"type": "Linear", "in": 8, "out": 1}]}
                """);
        Cli.Result r = Cli.run("summary", json.toString(), "--input", "13");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Total params: 121").contains("[1, 1]");
        Cli.Result wrong = Cli.run("summary", json.toString(), "--input", "12");
        assertThat(wrong.exitCode()).isEqualTo(Saraf.FAILURE);
        assertThat(wrong.errLines()).as(wrong.toString()).hasSize(1);
        assertThat(wrong.err()).contains("[12]");
    }

    @Test
    void datasetsSaysWhereEachIs() {
        Cli.Result r = Cli.run("datasets");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("mnist").contains("fashion-mnist").contains("mnist-10k");
    }
}
