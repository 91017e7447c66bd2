package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code saraf bench}: options and help, the clear errors, and the JSON report of tiny runs on a
 * generated Fashion-MNIST-shaped data set (no timing is asserted, only that figures are there and sane).
 */
class BenchCommandTest {

    @Test
    void helpDescribesTheWorkloadsWithExamples() {
        Cli.Result r = Cli.run("bench", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: saraf bench", "WORKLOAD", "mlp", "cnn", "gemm", "--threads", "--epochs", "--json",
                "--peak-gflops", "Examples:", "bench-vs-pytorch");
        assertThat(r.out()).as("test-only options stay hidden").doesNotContain("--max-batches", "--latency-calls");
        assertThat(Cli.run("--help").out()).as("listed by saraf --help").contains("bench");
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        for (String[] args : new String[][] {
                {"bench"},
                {"bench", "resnet"},
                {"bench", "mlp", "--epochs", "0"},
                {"bench", "mlp", "--threads", "-1"},
                {"bench", "mlp", "--warmup", "-1"},
                {"bench", "cnn", "--peak-gflops", "0"},
                {"bench", "gemm", "--sizes", "256,0"},
                {"bench", "gemm", "--sizes", "big"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(Saraf.USAGE_ERROR);
            assertThat(r.errLines()).as(String.join(" ", args) + "\n" + r).hasSize(1);
            assertThat(r.err()).startsWith("saraf bench").doesNotContain("Exception");
        }
    }

    @Test
    void missingDataSaysHowToInstallIt(@TempDir Path dir) {
        Cli.Result r = Cli.run("bench", "mlp", "--data", dir.resolve("none").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Saraf.FAILURE);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("none", "train-images-idx3-ubyte", "apt-get install dataset-fashion-mnist");
        assertThat(r.out()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlpJsonHasEveryFigure(@TempDir Path dir) throws IOException {
        Path data = fashionLike(dir, 300, 120, 1);
        Cli.Result r = Cli.run("bench", "mlp", "--data", data.toString(), "--json", "--threads", "1", "--epochs", "2",
                "--warmup", "2", "--latency-calls", "30");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as("--json prints nothing else").isEmpty();
        Map<String, Object> m = Json.parseObject(r.out());
        assertThat(m).containsEntry("workload", "mlp").containsEntry("title", "W-MLP").containsEntry("benchmark", "saraf bench")
                .containsKeys("date", "saraf_version", "load_average", "peak_gflops", "peak_source", "data_load_s", "warmup_s");
        assertThat(m.get("parameters")).as("784-256-128-10 with biases").isEqualTo(235_146L);
        Map<String, Object> machine = (Map<String, Object>) m.get("machine");
        assertThat(machine).containsKeys("cpu", "cores", "jdk", "vector_lanes").containsEntry("threads", 1L);
        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        assertThat(settings).containsEntry("batch_size", 128L).containsEntry("train_examples", 300L)
                .containsEntry("test_examples", 120L).containsEntry("epochs", 2L).containsEntry("seed", 42L)
                .containsEntry("warmup_batches", 2L).containsEntry("threads", 1L);
        List<Map<String, Object>> epochs = (List<Map<String, Object>>) m.get("epochs");
        assertThat(epochs).hasSize(2);
        for (int e = 0; e < 2; e++) {
            Map<String, Object> ep = epochs.get(e);
            assertThat(ep).containsEntry("epoch", (long) e + 1).containsEntry("samples", 300L);
            double seconds = number(ep, "epoch_s");
            assertThat(seconds).isPositive();
            // epoch_s is printed to 0.1 ms, a relative error of over 1% for this tiny set's 4-5 ms epochs
            double printed = 0.00005 / (seconds - 0.00005);
            assertThat(number(ep, "samples_per_s")).isCloseTo(300 / seconds, within(300 / seconds * (printed + 0.001) + 1));
            assertThat(number(ep, "gflops")).isCloseTo(1.41e6 * 300 / seconds / 1e9, within(0.02 + 1.41e6 * 300 / seconds / 1e9 * 0.01));
            assertThat(number(ep, "test_accuracy")).isBetween(0.0, 1.0);
            assertThat(number(ep, "last_batch_loss")).isPositive();
        }
        assertThat(number(epochs.get(1), "test_accuracy")).as("the bars are easy to tell apart").isGreaterThan(0.5);
        Map<String, Object> inference = (Map<String, Object>) m.get("inference");
        Map<String, Object> b1000 = (Map<String, Object>) inference.get("b1000_images_per_s");
        assertThat((List<Object>) b1000.get("runs")).hasSize(3);
        assertThat(number(b1000, "median")).isPositive();
        Map<String, Object> b1 = (Map<String, Object>) inference.get("b1_latency_us");
        assertThat(b1).containsEntry("calls", 30L);
        assertThat(number(b1, "p10")).isLessThanOrEqualTo(number(b1, "median"));
        assertThat(number(b1, "median")).isLessThanOrEqualTo(number(b1, "p90")).isPositive();
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(number(m, "peak_rss_mib")).isPositive();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void warmupIsUndoneSoTheEpochsDoNotDependOnIt(@TempDir Path dir) throws IOException {
        Path data = fashionLike(dir, 260, 50, 2);
        Map<String, Object> none = Json.parseObject(Cli.run("bench", "mlp", "--data", data.toString(), "--json", "--threads", "1",
                "--warmup", "0", "--no-infer").out());
        Map<String, Object> some = Json.parseObject(Cli.run("bench", "mlp", "--data", data.toString(), "--json", "--threads", "1",
                "--warmup", "5", "--no-infer").out());
        Map<String, Object> first = ((List<Map<String, Object>>) none.get("epochs")).getFirst();
        Map<String, Object> second = ((List<Map<String, Object>>) some.get("epochs")).getFirst();
        assertThat(second.get("last_batch_loss")).isEqualTo(first.get("last_batch_loss"));
        assertThat(second.get("test_accuracy")).isEqualTo(first.get("test_accuracy"));
        assertThat(some).doesNotContainKey("inference");
    }

    @Test
    void cnnIsPyTorchsExampleNetworkAndTextOutputNamesTheFigures(@TempDir Path dir) throws IOException {
        Path data = fashionLike(dir, 200, 40, 3);
        Cli.Result r = Cli.run("bench", "cnn", "--data", data.toString(), "--threads", "1", "--warmup", "1", "--max-batches", "1",
                "--latency-calls", "3", "--peak-gflops", "50");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("W-CNN, 1 thread, 1,199,882 parameters", "epoch 1: ", "samples/s", "GFLOP/s", "of peak",
                "test accuracy", "inference: ", "images/s at batch 1000", "batch 1: median", "3 calls", "peak memory");
        assertThat(r.out()).as("the machine goes with the results").contains("machine: ", "cores, Java ",
                "FMA peak: 50.0 GFLOP/s for 1 thread (--peak-gflops)", "data: Fashion-MNIST from " + data);
        assertThat(r.err()).as("progress").contains("warm-up: 1 batches");
    }

    @Test
    @SuppressWarnings("unchecked")
    void gemmReportsEachSize() {
        Cli.Result r = Cli.run("bench", "gemm", "--sizes", "8,33", "--threads", "1", "--json", "--peak-gflops", "100",
                "--gemm-seconds", "0.02");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, Object> m = Json.parseObject(r.out());
        assertThat(m).containsEntry("workload", "gemm").containsEntry("peak_source", "--peak-gflops").doesNotContainKey("epochs");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("gemm");
        assertThat(rows).extracting(row -> row.get("n")).containsExactly(8L, 33L);
        for (Map<String, Object> row : rows) {
            double g = number(row, "gflops");
            assertThat(g).isPositive();
            assertThat(number(row, "peak_fraction")).isCloseTo(g / 100, within(1e-3));
            assertThat((List<Object>) row.get("runs_gflops")).hasSizeGreaterThanOrEqualTo(BenchGemm.MIN_REPS);
        }
    }

    private static double number(Map<String, Object> m, String key) {
        assertThat(m.get(key)).as(key).isInstanceOf(Number.class);
        return ((Number) m.get(key)).doubleValue();
    }

    /**
     * Fashion-MNIST's four IDX files (uncompressed) with {@code train} and {@code test} 28x28
     * images: class k is a bright horizontal bar on rows 2k+4 and 2k+5, plus noise.
     */
    static Path fashionLike(Path dir, int train, int test, long seed) throws IOException {
        Path d = Files.createDirectories(dir.resolve("fashion-mnist"));
        SplittableRandom rng = new SplittableRandom(seed);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            byte[] labels = new byte[n];
            byte[] pixels = new byte[n * 784];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(10);
                labels[i] = (byte) k;
                for (int p = 0; p < 784; p++) {
                    int row = p / 28;
                    pixels[i * 784 + p] = (byte) (row / 2 == k + 2 ? 200 + rng.nextInt(56) : rng.nextInt(40));
                }
            }
            Files.write(d.resolve(split + "-images-idx3-ubyte"), idx(0x803, new int[] {n, 28, 28}, pixels));
            Files.write(d.resolve(split + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
        }
        return d;
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int dim : dims) {
            b.putInt(dim);
        }
        b.put(data);
        return b.array();
    }
}
