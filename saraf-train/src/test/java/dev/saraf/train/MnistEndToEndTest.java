package dev.saraf.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.data.DataLoader;
import dev.saraf.data.Mnist;
import dev.saraf.data.Splits;
import dev.saraf.io.ModelFile;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.Adam;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.metrics.ConfusionMatrix;
import dev.saraf.train.plot.ConfusionHeatmap;
import dev.saraf.train.plot.Curves;
import dev.saraf.train.plot.ImageGrid;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' five lines on the bundled digits, then every output the CLI writes. Tagged slow: about
 * 3 s once the JIT has compiled the kernels, but the first epoch of a fresh JVM takes far longer.
 */
@Tag("slow")
class MnistEndToEndTest {
    @Test
    void trainsAnMlpOnTheBundledDigitsAndWritesPlotsAndModel(@TempDir Path dir) throws Exception {
        Splits mnist = Mnist.bundled();
        SplittableRandom rng = new SplittableRandom(42);
        var model = new Sequential(new Flatten(), new Linear(784, 64, rng), new ReLU(), new Linear(64, 10, rng));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.parameters(), 2e-3f),
                Trainer.Options.classification(42).withThreads(2));
        DataLoader test = new DataLoader(mnist.test(), DataLoader.Options.of(500));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        History h = trainer.fit(new DataLoader(mnist.train(), DataLoader.Options.of(64).withShuffle(42)), test, 2,
                new ProgressBar(new PrintStream(log, true, StandardCharsets.UTF_8), false, 50),
                ModelCheckpoint.best(dir.resolve("model.safetensors"), Monitor.of("val_accuracy")),
                new CsvLogger(dir.resolve("history.csv")));

        assertThat(h.last().valMetrics().get("accuracy")).isGreaterThan(0.88);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("epoch 2/2  loss").contains("val_acc");

        ConfusionMatrix cm = trainer.confusion(test);
        assertThat(cm.total()).isEqualTo(2000);
        assertThat(cm.accuracy()).isEqualTo(trainer.evaluate(test).get("accuracy"));
        Curves.writeLoss(h, dir.resolve("loss.png"), 640, 400);
        Curves.writeAccuracy(h, dir.resolve("accuracy.png"), 640, 400);
        ConfusionHeatmap.write(cm, mnist.train().classNames(), dir.resolve("confusion.png"));
        float[] x = new float[32 * 784];
        int[] actual = new int[32];
        float[] y = new float[1];
        for (int i = 0; i < 32; i++) {
            mnist.test().copyInput(i, x, i * 784);
            mnist.test().copyTarget(i, y, 0);
            actual[i] = (int) y[0];
        }
        Tensor images = Tensor.wrap(x, 32, 1, 28, 28);
        Tensor scores = trainer.predict(images);
        int[] predicted = new int[32];
        for (int i = 0; i < 32; i++) {
            predicted[i] = (int) scores.argmax(1, false).data()[i];
        }
        ImageGrid.write(images, predicted, actual, mnist.train().classNames(), 8, dir.resolve("samples.png"));
        for (String f : new String[] {"loss.png", "accuracy.png", "confusion.png", "samples.png", "history.csv"}) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        var loaded = ModelFile.load(dir.resolve("model.safetensors"));
        assertThat(loaded.provenance().metrics().get("val_accuracy")).isGreaterThan(0.88);
        String out = System.getProperty("saraf.test.plots");
        if (out != null) { // for looking at the plots by eye: -Dsaraf.test.plots=/tmp/dir
            for (String f : new String[] {"loss.png", "accuracy.png", "confusion.png", "samples.png"}) {
                java.nio.file.Files.copy(dir.resolve(f), Path.of(out).resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
