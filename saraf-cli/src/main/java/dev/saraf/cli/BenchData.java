package dev.saraf.cli;

import dev.saraf.data.DataException;
import dev.saraf.data.Dataset;
import dev.saraf.data.DatasetLocator;
import dev.saraf.data.Mnist;
import dev.saraf.data.Splits;
import java.nio.file.Path;

/**
 * Fashion-MNIST held in memory as the benchmark uses it: every image's pixels {@code x / 255} as
 * float32 in one array per split (row-major, 784 floats per image), and the labels as float class
 * indices, as {@code CrossEntropyLoss} takes them.
 *
 * @param dir          where the IDX files were read from
 * @param train        the training set, pixels kept as bytes and scaled to x / 255 when copied out
 * @param testX        {@code [testSize, 784]} pixels
 * @param testY        {@code [testSize]} labels
 * @param loadSeconds  time spent reading and converting the files
 */
record BenchData(Path dir, Dataset train, float[] testX, float[] testY, double loadSeconds) {
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
        // the training images stay bytes (47 MB rather than 188 MB of floats) and are scaled to
        // x / 255 as each batch is gathered; the test set is converted once for inference
        float[][] test = arrays(s.test());
        checkShape(s.train());
        return new BenchData(dir, s.train(), test[0], test[1], (System.nanoTime() - t0) / 1e9);
    }

    /** {@code {pixels, labels}} of every example of {@code d} (28x28 grey images). */
    private static float[][] arrays(Dataset d) {
        checkShape(d);
        int n = d.size();
        float[] x = new float[n * PIXELS];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            d.copyInput(i, x, i * PIXELS);
            d.copyTarget(i, y, i);
        }
        return new float[][] {x, y};
    }

    private static void checkShape(Dataset d) {
        if (d.inputShape().numel() != PIXELS) {
            throw new CliException(d.name() + ": images of shape " + d.inputShape() + ", the benchmark needs [1, 28, 28]");
        }
    }
}
