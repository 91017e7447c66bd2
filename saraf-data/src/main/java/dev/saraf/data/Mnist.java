package dev.saraf.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST and Fashion-MNIST by name: 28x28 grey images as {@code [1, 28, 28]} floats {@code x / 255},
 * targets the class index, split into the official training and test sets.
 *
 * <p>{@code "mnist"} without a full copy on the machine falls back to the 10,000 digits bundled in
 * this module ({@code "mnist-10k"}: 8,000 training and 2,000 test digits), so the library works
 * offline. {@code "fashion-mnist"} must be on the machine (see {@link DatasetLocator}) or
 * downloaded with a {@link Downloader}.
 */
public final class Mnist {
    /** Class names of MNIST: the digits "0" to "9". */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Class names of Fashion-MNIST, in label order. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The names {@link #load} understands. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "mnist-10k");

    private static final String BUNDLED = "mnist-10k/";

    private Mnist() {}

    /**
     * Loads {@code "mnist"}, {@code "fashion-mnist"} or {@code "mnist-10k"} (the bundled digits) from
     * this machine, without touching the network.
     *
     * @param dirOrNull a directory holding the four IDX files, or null to search the usual places
     * @throws DataException when the data set is not found (saying how to get it) or a file is malformed
     */
    public static Splits load(String name, Path dirOrNull) {
        return load(name, dirOrNull, DatasetLocator.system(), null);
    }

    /**
     * As {@link #load(String, Path)} with an explicit locator, downloading into
     * {@link DatasetLocator#cacheDir} when the data set is not found and {@code downloaderOrNull} is given.
     * For {@code "mnist"} a download, when asked for, is preferred over the bundled digits.
     */
    public static Splits load(String name, Path dirOrNull, DatasetLocator locator, Downloader downloaderOrNull) {
        if (!NAMES.contains(name)) {
            throw new DataException("unknown data set \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
        if (name.equals("mnist-10k")) {
            return bundled();
        }
        var found = locator.find(name, dirOrNull);
        if (found.isPresent()) {
            return fromDir(name, found.get().dir());
        }
        if (downloaderOrNull != null) {
            return fromDir(name, downloaderOrNull.fetchAll(locator.cacheDir(name)));
        }
        if (name.equals("mnist")) {
            return bundled();
        }
        throw new DataException(name + ": not found in " + String.join(", ",
                locator.candidates(name).stream().map(l -> l.dir().toString()).toList())
                + "; apt-get install dataset-fashion-mnist, or let saraf download it (needs a network)");
    }

    /** Loads the four IDX files (raw or gzipped) of {@code dir}; {@code name} picks the class names. */
    public static Splits fromDir(String name, Path dir) {
        List<String> classes = name.equals("fashion-mnist") ? FASHION : DIGITS;
        IdxFile trainImages = IdxReader.readImages(require(dir, "train-images-idx3-ubyte"));
        IdxFile trainLabels = IdxReader.readLabels(require(dir, "train-labels-idx1-ubyte"));
        IdxFile testImages = IdxReader.readImages(require(dir, "t10k-images-idx3-ubyte"));
        IdxFile testLabels = IdxReader.readLabels(require(dir, "t10k-labels-idx1-ubyte"));
        return splits(name, trainImages, trainLabels, testImages, testLabels, classes);
    }

    /** The 10,000 MNIST digits bundled in this module: 8,000 training and 2,000 test images. */
    public static Splits bundled() {
        return splits("mnist-10k", resource("train-images-idx3-ubyte.gz", 3), resource("train-labels-idx1-ubyte.gz", 1),
                resource("t10k-images-idx3-ubyte.gz", 3), resource("t10k-labels-idx1-ubyte.gz", 1), DIGITS);
    }

    private static Splits splits(String name, IdxFile trainImages, IdxFile trainLabels, IdxFile testImages,
                                 IdxFile testLabels, List<String> classes) {
        IdxDataset train = new IdxDataset(name, trainImages, trainLabels, classes);
        IdxDataset test = new IdxDataset(name + ":test", testImages, testLabels, classes);
        var shape = train.inputShape();
        return new Splits(train, test, Preprocessing.image(1, shape.dim(1), shape.dim(2), classes));
    }

    private static Path require(Path dir, String base) {
        Path p = DatasetLocator.file(dir, base);
        if (p == null) {
            throw new DataException(dir + ": missing " + base + " (or " + base + ".gz)");
        }
        return p;
    }

    private static IdxFile resource(String file, int dims) {
        try (InputStream in = Mnist.class.getResourceAsStream(BUNDLED + file)) {
            if (in == null) {
                throw new DataException("bundled " + BUNDLED + file + " is missing from the saraf-data jar");
            }
            return IdxReader.read(file, in, dims);
        } catch (IOException e) {
            throw new DataException("bundled " + BUNDLED + file + ": " + e.getMessage(), e);
        }
    }
}
