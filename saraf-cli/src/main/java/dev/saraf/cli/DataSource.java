package dev.saraf.cli;

import dev.saraf.data.CsvDataset;
import dev.saraf.data.Dataset;
import dev.saraf.data.DatasetLocator;
import dev.saraf.data.Downloader;
import dev.saraf.data.ImageFolder;
import dev.saraf.data.Mnist;
import dev.saraf.data.Preprocessing;
import dev.saraf.data.Splits;
import dev.saraf.data.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code --data} names: {@code mnist}, {@code fashion-mnist}, {@code mnist-10k} (the bundled
 * digits), {@code csv:PATH} or {@code images:DIR}.
 *
 * @param kind  which kind of source
 * @param value the data set's name, the CSV file or the image folder
 */
record DataSource(Kind kind, String value) {

    /** The kinds of data source. */
    enum Kind {
        /** MNIST, Fashion-MNIST or the bundled digits, by name. */
        NAMED,
        /** A CSV file with a header. */
        CSV,
        /** A folder of class folders of images. */
        IMAGES
    }

    /** How to read a CSV file or image folder for training. */
    record Options(String label, Task task, int imageSize, int channels, double validationSplit, long seed, Path dataDir,
            boolean download) {}

    /** Parses a {@code --data} value; unknown forms give a usage error listing the known ones. */
    static DataSource parse(String spec) {
        if (Mnist.NAMES.contains(spec)) {
            return new DataSource(Kind.NAMED, spec);
        }
        if (spec.startsWith("csv:") && spec.length() > 4) {
            return new DataSource(Kind.CSV, spec.substring(4));
        }
        if (spec.startsWith("images:") && spec.length() > 7) {
            return new DataSource(Kind.IMAGES, spec.substring(7));
        }
        throw CliException.usage("unknown --data '" + spec + "': use mnist, fashion-mnist, mnist-10k, csv:FILE.csv or images:DIR");
    }

    /** The path of a CSV file or image folder. */
    Path path() {
        return Path.of(value);
    }

    /** True when the held-out split is the data set's own test set (not a validation split carved from the training data). */
    boolean hasTestSet() {
        return kind == Kind.NAMED;
    }

    /** The training and held-out splits with the preprocessing they were made with. */
    Splits forTraining(Options o) {
        return switch (kind) {
            case NAMED -> o.download() && !value.equals("mnist-10k")
                    ? Mnist.load(value, o.dataDir(), DatasetLocator.system(), Downloader.official(value))
                    : Mnist.load(value, o.dataDir());
            case CSV -> {
                requireFile();
                String label = o.label() != null ? o.label() : lastColumn();
                yield CsvDataset.load(path(), label, o.task(), o.validationSplit(), o.seed());
            }
            case IMAGES -> {
                requireDir();
                yield ImageFolder.load(path(), o.channels(), o.imageSize(), o.imageSize(), o.validationSplit(), o.seed());
            }
        };
    }

    /**
     * The whole source prepared as {@code p} says (the model's recorded preprocessing): for a named
     * data set its test split; every row of a CSV file; every image of a folder.
     *
     * @param label the CSV label column, or null for the one column that is not a feature
     */
    Dataset forEvaluation(Preprocessing p, String label, Path dataDir) {
        return switch (kind) {
            case NAMED -> {
                Splits s = Mnist.load(value, dataDir);
                if (!s.preprocessing().inputShape().equals(p.inputShape())) {
                    throw new CliException(this + " has inputs of shape " + s.preprocessing().inputShape()
                            + ", but the model takes " + p.inputShape());
                }
                if (p.task() == Task.CLASSIFICATION && s.test().classNames().size() != p.classNames().size()) {
                    throw new CliException(this + " has " + s.test().classNames().size() + " classes, but the model predicts "
                            + p.classNames().size());
                }
                yield s.test();
            }
            case CSV -> {
                requireFile();
                yield ModelInputs.csvDataset(CsvRows.read(path()), p, label, toString());
            }
            case IMAGES -> {
                requireDir();
                yield ModelInputs.imageFolder(path(), p, toString());
            }
        };
    }

    private String lastColumn() {
        List<String> header = CsvRows.read(path()).header();
        return header.getLast();
    }

    private void requireFile() {
        if (!Files.isRegularFile(path())) {
            throw new CliException("no such file: " + value);
        }
    }

    private void requireDir() {
        if (!Files.isDirectory(path())) {
            throw new CliException("no such directory: " + value);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NAMED -> value;
            case CSV -> "csv:" + value;
            case IMAGES -> "images:" + value;
        };
    }
}
