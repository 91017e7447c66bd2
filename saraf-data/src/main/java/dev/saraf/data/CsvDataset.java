package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tabular data from a CSV file (RFC 4180, UTF-8) with a header row: one column is the label, all
 * others are numeric features.
 *
 * <p>For {@link Task#CLASSIFICATION} the label column holds class names (any text); the classes
 * are the distinct names sorted (numerically when every name is a number, so "2" comes before
 * "10"), and the target is the class index. For {@link Task#REGRESSION} the label is a number and
 * the target has shape {@code [1]}. Features are standardised, {@code (x - mean) / std}, with mean
 * and standard deviation fitted on the training split only, so no information leaks from the
 * validation rows; a constant feature gets std 1. The statistics travel in the {@link Preprocessing}.
 */
public final class CsvDataset {
    private CsvDataset() {}

    /**
     * Loads {@code csv} and splits it into training and validation rows.
     *
     * @param labelColumn        the header name of the target column
     * @param validationFraction share of rows held out, in {@code [0, 1)}, chosen by {@code seed}
     * @return train and validation splits of inputs {@code [F]} (F = columns - 1) and targets
     *         {@code []} (class index) or {@code [1]} (regression), with the CSV preprocessing
     * @throws DataException naming the file, line and column of missing or malformed input
     */
    public static Splits load(Path csv, String labelColumn, Task task, double validationFraction, long seed) {
        String file = csv.getFileName().toString();
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException(csv + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(csv + ": cannot read: " + e.getMessage(), e);
        }
        List<CsvReader.Row> rows = CsvReader.parse(file, text);
        if (rows.isEmpty()) {
            throw new DataException(file + ": empty file; expected a header row and data rows");
        }
        List<String> header = rows.getFirst().fields().stream().map(String::strip).toList();
        if (new HashSet<>(header).size() != header.size()) {
            throw new DataException(file + ": line 1: duplicate column names in the header " + header);
        }
        int label = header.indexOf(labelColumn);
        if (label < 0) {
            throw new DataException(file + ": no column \"" + labelColumn + "\"; columns are: " + String.join(", ", header));
        }
        int n = rows.size() - 1;
        if (n == 0) {
            throw new DataException(file + ": no data rows after the header");
        }
        int features = header.size() - 1;
        if (features == 0) {
            throw new DataException(file + ": only the label column \"" + labelColumn + "\"; no feature columns");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(label);

        double[] x = new double[n * features];
        String[] labels = new String[n];
        for (int r = 0; r < n; r++) {
            CsvReader.Row row = rows.get(r + 1);
            if (row.fields().size() != header.size()) {
                throw new DataException(file + ": line " + row.line() + ": " + row.fields().size()
                        + " fields, but the header has " + header.size());
            }
            int f = 0;
            for (int c = 0; c < header.size(); c++) {
                String value = row.fields().get(c).strip();
                if (c == label) {
                    if (value.isEmpty()) {
                        throw new DataException(file + ": line " + row.line() + ", column \"" + labelColumn
                                + "\": empty label");
                    }
                    labels[r] = value;
                } else {
                    x[r * features + f++] = number(file, row.line(), header.get(c), value);
                }
            }
        }

        List<String> classNames = List.of();
        float[] targets = new float[n];
        Shape targetShape;
        if (task == Task.CLASSIFICATION) {
            classNames = sortedClasses(labels);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < classNames.size(); i++) {
                index.put(classNames.get(i), i);
            }
            for (int r = 0; r < n; r++) {
                targets[r] = index.get(labels[r]);
            }
            targetShape = Shape.scalar();
        } else {
            for (int r = 0; r < n; r++) {
                targets[r] = (float) number(file, rows.get(r + 1).line(), labelColumn, labels[r]);
            }
            targetShape = Shape.of(1);
        }

        int[][] split = Splits.indices(n, validationFraction, seed, file);
        float[] mean = new float[features];
        float[] std = new float[features];
        fitStandardisation(x, features, split[0], mean, std);
        String name = "csv:" + file;
        Preprocessing pre = Preprocessing.csv(task, featureNames, mean, std, classNames);
        return new Splits(rows(name, x, targets, split[0], features, mean, std, targetShape, classNames),
                rows(name + ":validation", x, targets, split[1], features, mean, std, targetShape, classNames), pre);
    }

    /** Mean and population standard deviation per feature over the rows {@code train}; std 1 where it is 0. */
    private static void fitStandardisation(double[] x, int features, int[] train, float[] mean, float[] std) {
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (int r : train) {
                sum += x[r * features + f];
            }
            double m = train.length == 0 ? 0 : sum / train.length;
            double sq = 0;
            for (int r : train) {
                double d = x[r * features + f] - m;
                sq += d * d;
            }
            double s = train.length == 0 ? 0 : Math.sqrt(sq / train.length);
            mean[f] = (float) m;
            std[f] = s > 0 ? (float) s : 1f;
        }
    }

    private static ArrayDataset rows(String name, double[] x, float[] targets, int[] which, int features, float[] mean,
                                     float[] std, Shape targetShape, List<String> classNames) {
        float[] in = new float[which.length * features];
        float[] out = new float[which.length];
        for (int i = 0; i < which.length; i++) {
            int r = which[i];
            for (int f = 0; f < features; f++) {
                in[i * features + f] = (float) ((x[r * features + f] - mean[f]) / std[f]);
            }
            out[i] = targets[r];
        }
        return new ArrayDataset(name, in, Shape.of(features), out, targetShape, classNames);
    }

    private static double number(String file, int line, String column, String value) {
        if (value.isEmpty()) {
            throw new DataException(file + ": line " + line + ", column \"" + column + "\": empty value; "
                    + "missing values are not supported");
        }
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + line + ", column \"" + column + "\": \"" + value
                    + "\" is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataException(file + ": line " + line + ", column \"" + column + "\": \"" + value
                    + "\" is not a finite number");
        }
        return v;
    }

    /** Distinct labels, numerically sorted when all are numbers, else by text. */
    static List<String> sortedClasses(String[] labels) {
        TreeSet<String> distinct = new TreeSet<>(List.of(labels));
        boolean numeric = true;
        for (String s : distinct) {
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        List<String> sorted = new ArrayList<>(distinct);
        if (numeric) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return List.copyOf(sorted);
    }
}
