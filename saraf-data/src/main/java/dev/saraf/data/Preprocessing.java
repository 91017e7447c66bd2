package dev.saraf.data;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What turned raw inputs into a model's input floats, recorded with the model so that evaluate,
 * predict and the server apply exactly the same steps to new images or CSV rows.
 *
 * <p>Three kinds: {@link Kind#IMAGE} (decode, grey or RGB, resize to {@code height x width},
 * multiply by {@code pixelScale} = 1/255; for MNIST-style digits nothing else), {@link Kind#CSV}
 * (pick the feature columns by name, standardise each with the training split's mean and standard
 * deviation) and {@link Kind#NONE} (inputs are used as given).
 *
 * @param kind         which steps apply
 * @param task         classification or regression
 * @param classNames   class names in class-index order; empty for regression
 * @param inputShape   the shape of one model input, e.g. {@code [1, 28, 28]} or {@code [F]}
 * @param channels     image channels (1 or 3); 0 unless {@link Kind#IMAGE}
 * @param height       image height after resizing; 0 unless {@link Kind#IMAGE}
 * @param width        image width after resizing; 0 unless {@link Kind#IMAGE}
 * @param pixelScale   factor applied to 0..255 pixel values (1/255); 0 unless {@link Kind#IMAGE}
 * @param featureNames CSV feature column names in input order; empty unless {@link Kind#CSV}
 * @param mean         per-feature mean of the training split; empty unless {@link Kind#CSV}
 * @param std          per-feature standard deviation of the training split (1 for a constant feature)
 */
public record Preprocessing(Kind kind, Task task, List<String> classNames, List<Integer> inputShape, int channels,
                            int height, int width, float pixelScale, List<String> featureNames, float[] mean,
                            float[] std) {

    /** The kinds of preprocessing. */
    public enum Kind {
        /** Decoded images, resized and scaled to [0, 1]. */
        IMAGE,
        /** CSV rows, standardised per feature. */
        CSV,
        /** Inputs used as they are. */
        NONE
    }

    /** Copies the lists and arrays and checks that they agree. */
    public Preprocessing {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(task, "task");
        classNames = List.copyOf(classNames);
        inputShape = List.copyOf(inputShape);
        featureNames = List.copyOf(featureNames);
        mean = mean.clone();
        std = std.clone();
        if (mean.length != featureNames.size() || std.length != featureNames.size()) {
            throw new IllegalArgumentException("preprocessing: " + featureNames.size() + " feature names but "
                    + mean.length + " means and " + std.length + " standard deviations");
        }
        if (kind == Kind.IMAGE && (channels != 1 && channels != 3 || height <= 0 || width <= 0)) {
            throw new IllegalArgumentException("preprocessing: images need 1 or 3 channels and a positive size, got "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** Images decoded to {@code channels x height x width}, pixel values / 255. */
    public static Preprocessing image(int channels, int height, int width, List<String> classNames) {
        return new Preprocessing(Kind.IMAGE, Task.CLASSIFICATION, classNames, List.of(channels, height, width),
                channels, height, width, 1f / 255f, List.of(), new float[0], new float[0]);
    }

    /** CSV rows: the named feature columns, standardised with {@code mean} and {@code std}. */
    public static Preprocessing csv(Task task, List<String> featureNames, float[] mean, float[] std,
                                    List<String> classNames) {
        return new Preprocessing(Kind.CSV, task, classNames, List.of(featureNames.size()), 0, 0, 0, 0f,
                featureNames, mean, std);
    }

    /** No preprocessing: the data set's inputs are the model's inputs. */
    public static Preprocessing none(Dataset dataset, Task task) {
        List<Integer> shape = new ArrayList<>();
        for (int d : dataset.inputShape().dims()) {
            shape.add(d);
        }
        return new Preprocessing(Kind.NONE, task, dataset.classNames(), shape, 0, 0, 0, 0f, List.of(),
                new float[0], new float[0]);
    }

    /** {@code mean} (a copy). */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** {@code std} (a copy). */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * The image as model input {@code [channels, height, width]}: grey (BT.601 luminance) or RGB,
     * resized bilinearly, pixel values / 255.
     *
     * @throws IllegalStateException if this is not image preprocessing
     */
    public float[] applyToImage(BufferedImage image) {
        if (kind != Kind.IMAGE) {
            throw new IllegalStateException("this model was trained on " + kind.name().toLowerCase()
                    + " inputs, not images");
        }
        return Images.toFloats(image, channels, height, width);
    }

    /**
     * One CSV row (column name to text, extra columns such as the label ignored) as model input
     * {@code [F]}: each feature parsed and standardised with the stored mean and std.
     *
     * @throws IllegalArgumentException naming the column when one is missing or not a number
     */
    public float[] applyToCsvRow(Map<String, String> row) {
        if (kind != Kind.CSV) {
            throw new IllegalStateException("this model was trained on " + kind.name().toLowerCase()
                    + " inputs, not CSV rows");
        }
        float[] out = new float[featureNames.size()];
        for (int f = 0; f < out.length; f++) {
            String name = featureNames.get(f);
            String text = row.get(name);
            if (text == null) {
                throw new IllegalArgumentException("CSV row has no column \"" + name + "\"; the model needs "
                        + String.join(", ", featureNames));
            }
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CSV column \"" + name + "\": \"" + text + "\" is not a number");
            }
            out[f] = (float) ((v - mean[f]) / std[f]);
        }
        return out;
    }

    /** A JSON-able map (String, Number, List and Map values) from which {@link #fromMap} rebuilds this. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase());
        m.put("task", task.name().toLowerCase());
        m.put("class_names", classNames);
        m.put("input_shape", inputShape);
        if (kind == Kind.IMAGE) {
            m.put("channels", channels);
            m.put("height", height);
            m.put("width", width);
            m.put("pixel_scale", (double) pixelScale);
        }
        if (kind == Kind.CSV) {
            m.put("feature_names", featureNames);
            m.put("mean", toList(mean));
            m.put("std", toList(std));
        }
        return m;
    }

    /**
     * Rebuilds preprocessing from {@link #toMap()}'s map, e.g. after a JSON round trip.
     *
     * @throws IllegalArgumentException naming the key that is missing or of the wrong type
     */
    public static Preprocessing fromMap(Map<String, ?> m) {
        Kind kind = Kind.valueOf(string(m, "kind").toUpperCase());
        Task task = Task.valueOf(string(m, "task").toUpperCase());
        List<String> classNames = list(m, "class_names").stream().map(String::valueOf).toList();
        List<Integer> shape = list(m, "input_shape").stream().map(o -> number(o, "input_shape").intValue()).toList();
        if (kind == Kind.IMAGE) {
            return new Preprocessing(kind, task, classNames, shape, integer(m, "channels"), integer(m, "height"),
                    integer(m, "width"), number(m.get("pixel_scale"), "pixel_scale").floatValue(), List.of(),
                    new float[0], new float[0]);
        }
        if (kind == Kind.CSV) {
            List<String> features = list(m, "feature_names").stream().map(String::valueOf).toList();
            return new Preprocessing(kind, task, classNames, shape, 0, 0, 0, 0f, features, floats(m, "mean"),
                    floats(m, "std"));
        }
        return new Preprocessing(kind, task, classNames, shape, 0, 0, 0, 0f, List.of(), new float[0], new float[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && kind == p.kind && task == p.task && classNames.equals(p.classNames)
                && inputShape.equals(p.inputShape) && channels == p.channels && height == p.height
                && width == p.width && Float.compare(pixelScale, p.pixelScale) == 0
                && featureNames.equals(p.featureNames) && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, task, classNames, inputShape, channels, height, width, pixelScale, featureNames,
                Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "Preprocessing" + toMap();
    }

    private static List<Double> toList(float[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (float v : a) {
            l.add((double) v);
        }
        return l;
    }

    private static String string(Map<String, ?> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException("preprocessing: \"" + key + "\" must be a string, got " + o);
        }
        return s;
    }

    private static List<?> list(Map<String, ?> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("preprocessing: \"" + key + "\" must be a list, got " + o);
        }
        return l;
    }

    private static Number number(Object o, String key) {
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("preprocessing: \"" + key + "\" must be a number, got " + o);
        }
        return n;
    }

    private static int integer(Map<String, ?> m, String key) {
        return number(m.get(key), key).intValue();
    }

    private static float[] floats(Map<String, ?> m, String key) {
        List<?> l = list(m, key);
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = number(l.get(i), key).floatValue();
        }
        return a;
    }
}
