package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.saraf.data.DatasetLocator;
import dev.saraf.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy bars of issue 4, through the command exactly as a user runs it (2 threads, seed 42
 * unless said). PyTorch with the same settings on the reference machine: W-MLP 87.4%, W-CNN 90.9% on
 * Fashion-MNIST after 5 epochs. Slow (on 2 cores: the default run about 70 s, W-MLP 30 s, W-CNN
 * about 7.5 minutes); CI runs them with Debian's dataset-fashion-mnist.
 */
@Tag("slow")
class QualityBarsTest {

    private static double trainAndReport(Path out, String metric, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        all[args.length + 2] = "--threads";
        all[args.length + 3] = "2";
        Cli.Result r = Cli.run(all);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, Object> report = Json.parseObject(Files.readString(out.resolve("report.json")));
        System.out.printf("%s: %s = %.4f in %.0f s%n", String.join(" ", args), metric, ((Number) report.get(metric)).doubleValue(),
                ((Number) report.get("seconds")).doubleValue());
        return ((Number) report.get(metric)).doubleValue();
    }

    private static void assumeFashionMnist() {
        assumeTrue(DatasetLocator.system().find("fashion-mnist", null).isPresent(),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    }

    /** What a newcomer's first './saraf train' does: the CNN on the bundled digits, default epochs. */
    @Test
    void defaultRunReads97PercentOfTheBundledTestDigits(@TempDir Path dir) throws Exception {
        assertThat(trainAndReport(dir, "test_accuracy", "train", "--data", "mnist-10k")).isGreaterThanOrEqualTo(0.97);
    }

    /**
     * One W-MLP run's accuracy after 5 epochs varies with the seed by about ±0.4 points (seeds 1 to 8
     * gave 87.03% to 87.86%, mean 87.46%; seed 42 86.75%), as PyTorch's does, so the bar is on the
     * mean of three seeds, each run also kept above 86.5%. About 10 s a run.
     */
    @Test
    void wMlpOnFashionMnist(@TempDir Path dir) throws Exception {
        assumeFashionMnist();
        double sum = 0;
        for (int seed = 1; seed <= 3; seed++) {
            double acc = trainAndReport(dir.resolve("seed" + seed), "test_accuracy", "train", "--data", "fashion-mnist", "--model",
                    "mlp", "--epochs", "5", "--seed", Integer.toString(seed));
            assertThat(acc).as("seed " + seed).isGreaterThanOrEqualTo(0.865);
            sum += acc;
        }
        assertThat(sum / 3).isGreaterThanOrEqualTo(0.87);
    }

    @Test
    void wCnnOnFashionMnist(@TempDir Path dir) throws Exception {
        assumeFashionMnist();
        assertThat(trainAndReport(dir, "test_accuracy", "train", "--data", "fashion-mnist", "--model", "cnn", "--epochs", "5"))
                .isGreaterThanOrEqualTo(0.905);
    }

    /** docs/data/friedman1.csv (Friedman #1, 1,500 rows, noise variance 1 of about 25): the R² docs/cli.md states. */
    @Test
    void regressionOnFriedman1(@TempDir Path dir) throws Exception {
        Path csv = Path.of("..", "docs", "data", "friedman1.csv");
        assertThat(trainAndReport(dir, "test_r2", "train", "--data", "csv:" + csv, "--task", "regression", "--label", "y",
                "--epochs", "60", "--batch-size", "32")).isGreaterThanOrEqualTo(0.90);
    }
}
