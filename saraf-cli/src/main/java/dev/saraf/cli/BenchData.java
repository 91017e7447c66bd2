package dev.saraf.cli;

import dev.saraf.data.DataException;
import dev.saraf.data.Dataset;
import dev.saraf.data.DatasetLocator;
import dev.saraf.data.Mnist;
import dev.saraf.data.Splits;
import java.nio.file.Path;

/**
 * Fashion-MNIST held in memory as the benchmark uses it: both splits' pixels kept as bytes and
 * scaled to {@code x / 255} as float32 when copied out (row-major, 784 floats per image), and the
 * test labels as float class indices, as {@code CrossEntropyLoss} takes them.
 *
 * @param dir          where the IDX files were read from
 * @param train        the training set
 * @param test         the test set
 * @param testY        {@code [testSize]} labels
 * @param loadSeconds  time spent reading and converting the files
 */
record BenchData(Path dir, Dataset train, Dataset test, float[] testY, double loadSeconds) {
    /** Pixels per image. */
    static final int PIXELS = 28 * 28;
    /** Where Debian's dataset-fashion-mnist puts the files. */
    static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Training images. */
    int trainSize() {
        return train.size();
    }

    /** Test images. */
    int testSize() {
        return testY.length;
    }

    /**
     * Loads Fashion-MNIST from {@code dirOrNull}, or from the usual places ({@code $SARAF_DATA},
     * {@code ~/.saraf/datasets}, {@code /usr/share/datasets}) when null.
     *
     * @throws CliException saying how to install the data set when it is not there, or naming the bad file
     */
    static BenchData load(Path dirOrNull) {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = DatasetLocator.system().find("fashion-mnist", dirOrNull)
                    .orElseThrow(() -> new CliException("Fashion-MNIST not found (looked in " + String.join(", ",
                            DatasetLocator.system().candidates("fashion-mnist").stream().map(l -> l.dir().toString()).toList())
                            + "); apt-get install dataset-fashion-mnist, or give --data DIR"))
                    .dir();
        } catch (DataException e) {
            throw new CliException(e.getMessage() + "; apt-get install dataset-fashion-mnist puts them in " + DEBIAN_DIR, e);
        }
        Splits s = Mnist.fromDir("fashion-mnist", dir);
        // the images stay bytes (47 MB rather than 188 MB of floats for training) and are scaled
        // to x / 255 as each batch is gathered, or once into the inference batches
        checkShape(s.train());
        checkShape(s.test());
        float[] testY = new float[s.test().size()];
        for (int i = 0; i < testY.length; i++) {
            s.test().copyTarget(i, testY, i);
        }
        return new BenchData(dir, s.train(), s.test(), testY, (System.nanoTime() - t0) / 1e9);
    }

    /** Test images {@code [from, to)} as {@code x / 255}, 784 floats each. */
    float[] testPixels(int from, int to) {
        float[] x = new float[(to - from) * PIXELS];
        for (int i = from; i < to; i++) {
            test.copyInput(i, x, (i - from) * PIXELS);
        }
        return x;
    }

    private static void checkShape(Dataset d) {
        if (d.inputShape().numel() != PIXELS) {
            throw new CliException(d.name() + ": images of shape " + d.inputShape() + ", the benchmark needs [1, 28, 28]");
        }
    }
}
