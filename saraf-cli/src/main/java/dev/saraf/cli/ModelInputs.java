package dev.saraf.cli;

import dev.saraf.data.ArrayDataset;
import dev.saraf.data.Dataset;
import dev.saraf.data.Preprocessing;
import dev.saraf.data.Task;
import dev.saraf.tensor.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * New inputs prepared as a model's recorded {@link Preprocessing} says: image files, image
 * folders and CSV rows become the floats the model was trained on.
 */
final class ModelInputs {
    private ModelInputs() {}

    /** One input to predict on, and where it came from ({@code shoe.png}, {@code rows.csv:3}). */
    record Example(String source, float[] input) {}

    /**
     * The examples in {@code files}: each PNG/JPEG file one example, each data row of a CSV file
     * one example.
     */
    static List<Example> forPrediction(List<Path> files, Preprocessing p) {
        List<Example> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new CliException("no such file: " + f);
            }
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                requireKind(p, Preprocessing.Kind.CSV, f);
                for (CsvRows.Row row : CsvRows.read(f).rows()) {
                    out.add(new Example(f + ":" + row.line(), csvRow(f, row, p)));
                }
            } else {
                requireKind(p, Preprocessing.Kind.IMAGE, f);
                out.add(new Example(f.toString(), image(f, p)));
            }
        }
        return out;
    }

    /** Every row of {@code rows} prepared as {@code p} says, the target read from column {@code label}. */
    static Dataset csvDataset(CsvRows rows, Preprocessing p, String label, String name) {
        requireKind(p, Preprocessing.Kind.CSV, rows.file());
        if (label == null) {
            List<String> others = rows.header().stream().filter(c -> !p.featureNames().contains(c)).toList();
            if (others.size() != 1) {
                throw CliException.usage(rows.file() + ": cannot tell the label column (columns besides the model's features: "
                        + others + "); name it with --label");
            }
            label = others.getFirst();
        } else if (!rows.header().contains(label)) {
            throw new CliException(rows.file() + ": no column \"" + label + "\"; columns are: " + String.join(", ", rows.header()));
        }
        int f = p.featureNames().size();
        int n = rows.rows().size();
        if (n == 0) {
            throw new CliException(rows.file() + ": no data rows");
        }
        boolean classes = p.task() == Task.CLASSIFICATION;
        float[] inputs = new float[n * f];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            CsvRows.Row row = rows.rows().get(i);
            System.arraycopy(csvRow(rows.file(), row, p), 0, inputs, i * f, f);
            String text = row.values().get(label).strip();
            targets[i] = classes ? classIndex(p, text, rows.file() + ": line " + row.line()) : number(text, rows.file(), row, label);
        }
        return new ArrayDataset(name, inputs, Shape.of(f), targets, classes ? Shape.scalar() : Shape.of(1), p.classNames());
    }

    /** Every image of {@code dir}'s class folders, named as the model's classes, prepared as {@code p} says. */
    static Dataset imageFolder(Path dir, Preprocessing p, String name) {
        requireKind(p, Preprocessing.Kind.IMAGE, dir);
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory)
                .filter(d -> !d.getFileName().toString().startsWith(".")).toList();
        if (classDirs.isEmpty()) {
            throw new CliException(dir + ": no class folders; expected one folder of images per class");
        }
        int numel = p.channels() * p.height() * p.width();
        List<float[]> inputs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path d : classDirs) {
            int k = classIndex(p, d.getFileName().toString(), "folder " + d);
            for (Path f : list(d)) {
                if (isImage(f)) {
                    inputs.add(image(f, p));
                    labels.add(k);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new CliException(dir + ": no PNG or JPEG images in its class folders");
        }
        float[] x = new float[inputs.size() * numel];
        float[] y = new float[inputs.size()];
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(inputs.get(i), 0, x, i * numel, numel);
            y[i] = labels.get(i);
        }
        return new ArrayDataset(name, x, Shape.of(p.channels(), p.height(), p.width()), y, Shape.scalar(), p.classNames());
    }

    /** One image file as model input. */
    static float[] image(Path file, Preprocessing p) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new CliException(file + ": cannot read the image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new CliException(file + ": not a PNG or JPEG image");
        }
        return p.applyToImage(img);
    }

    private static float[] csvRow(Path file, CsvRows.Row row, Preprocessing p) {
        try {
            return p.applyToCsvRow(row.values());
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": line " + row.line() + ": " + e.getMessage(), e);
        }
    }

    private static int classIndex(Preprocessing p, String name, String where) {
        int k = p.classNames().indexOf(name);
        if (k < 0) {
            throw new CliException(where + ": class \"" + name + "\" is not one the model knows ("
                    + String.join(", ", p.classNames()) + ")");
        }
        return k;
    }

    private static float number(String text, Path file, CsvRows.Row row, String label) {
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new CliException(file + ": line " + row.line() + ": label \"" + label + "\" is \"" + text + "\", not a number");
        }
    }

    private static void requireKind(Preprocessing p, Preprocessing.Kind kind, Path what) {
        if (p.kind() != kind) {
            throw new CliException(what + ": the model was trained on " + (p.kind() == Preprocessing.Kind.CSV ? "CSV rows"
                    : p.kind() == Preprocessing.Kind.IMAGE ? "images" : "raw tensors") + ", not "
                    + (kind == Preprocessing.Kind.CSV ? "CSV rows" : "images"));
        }
    }

    static boolean isImage(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new CliException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
