package dev.saraf.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in models that {@code saraf train --model NAME} and training jobs of the model server know, as architecture descriptions (the JSON of
 * {@link dev.saraf.nn.Architecture}) sized for the data: input features or channels and image
 * size, and the number of outputs (classes, or regression targets).
 *
 * <ul>
 *   <li>{@code perceptron}: Flatten, Linear(inputs, outputs): a linear classifier or regression.</li>
 *   <li>{@code mlp}: W-MLP, Flatten, Linear(inputs, 256), ReLU, Linear(256, 128), ReLU, Linear(128, outputs).</li>
 *   <li>{@code lenet5}: LeNet-5 with ReLU and max pooling: Conv(C, 6, 5, padding 2), pool, Conv(6, 16, 5),
 *       pool, Linear(16·h·w, 120), Linear(120, 84), Linear(84, outputs). Images of at least 12x12.</li>
 *   <li>{@code cnn}: W-CNN (PyTorch's examples/mnist network): Conv(C, 32, 3), ReLU, Conv(32, 64, 3), ReLU,
 *       MaxPool(2), Dropout(0.25), Flatten, Linear(64·(H-4)/2·(W-4)/2, 128), ReLU, Dropout(0.5),
 *       Linear(128, outputs). Images of at least 6x6.</li>
 * </ul>
 */
public final class BuiltinModels {
    /** The names, in the order help lists them. */
    public static final List<String> NAMES = List.of("perceptron", "mlp", "lenet5", "cnn");

    private BuiltinModels() {}

    /** True when {@code name} is a built-in model. */
    public static boolean isBuiltin(String name) {
        return NAMES.contains(name);
    }

    /**
     * The architecture of built-in {@code name} for inputs of shape {@code input} (per example:
     * {@code [F]} or {@code [C, H, W]}) and {@code outputs} outputs.
     *
     * @throws IllegalArgumentException when the model cannot take such inputs (an image model on table rows,
     *                      images too small), saying what would
     */
    public static Map<String, Object> architecture(String name, int[] input, int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("model " + name + ": needs at least one output, got " + outputs);
        }
        return switch (name) {
            case "perceptron" -> sequential(flatten(), linear(numel(input), outputs));
            case "mlp" -> sequential(flatten(), linear(numel(input), 256), layer("ReLU"), linear(256, 128), layer("ReLU"),
                    linear(128, outputs));
            case "lenet5" -> lenet5(image(name, input, 12), outputs);
            case "cnn" -> cnn(image(name, input, 6), outputs);
            default -> throw new IllegalArgumentException("unknown model '" + name + "': use one of " + String.join(", ", NAMES)
                    + ", or a JSON architecture file");
        };
    }

    private static Map<String, Object> lenet5(int[] chw, int outputs) {
        int h = (chw[1] / 2 - 4) / 2;
        int w = (chw[2] / 2 - 4) / 2;
        return sequential(conv(chw[0], 6, 5, 2), layer("ReLU"), pool(2), conv(6, 16, 5, 0), layer("ReLU"), pool(2),
                flatten(), linear(16 * h * w, 120), layer("ReLU"), linear(120, 84), layer("ReLU"), linear(84, outputs));
    }

    private static Map<String, Object> cnn(int[] chw, int outputs) {
        int h = (chw[1] - 4) / 2;
        int w = (chw[2] - 4) / 2;
        return sequential(conv(chw[0], 32, 3, 0), layer("ReLU"), conv(32, 64, 3, 0), layer("ReLU"), pool(2),
                dropout(0.25), flatten(), linear(64 * h * w, 128), layer("ReLU"), dropout(0.5), linear(128, outputs));
    }

    /** Checks that {@code input} is {@code [C, H, W]} with H and W at least {@code min}. */
    private static int[] image(String name, int[] input, int min) {
        if (input.length != 3) {
            throw new IllegalArgumentException("model " + name + " needs images [channels, height, width], but the data gives inputs of shape "
                    + Arrays.toString(input) + "; use mlp or perceptron for table rows");
        }
        if (input[1] < min || input[2] < min) {
            throw new IllegalArgumentException("model " + name + " needs images of at least " + min + "x" + min + ", got "
                    + input[1] + "x" + input[2] + " (choose a larger image size)");
        }
        return input;
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static Map<String, Object> sequential(Object... layers) {
        Map<String, Object> m = layer("Sequential");
        m.put("layers", new ArrayList<>(Arrays.asList(layers)));
        return m;
    }

    private static Map<String, Object> layer(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        return m;
    }

    private static Map<String, Object> flatten() {
        return layer("Flatten");
    }

    private static Map<String, Object> linear(long in, int out) {
        if (in > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("inputs of " + in + " values are too many for a linear layer");
        }
        Map<String, Object> m = layer("Linear");
        m.put("in", (int) in);
        m.put("out", out);
        return m;
    }

    private static Map<String, Object> conv(int in, int out, int kernel, int padding) {
        Map<String, Object> m = layer("Conv2d");
        m.put("in", in);
        m.put("out", out);
        m.put("kernel", kernel);
        m.put("padding", padding);
        return m;
    }

    private static Map<String, Object> pool(int k) {
        Map<String, Object> m = layer("MaxPool2d");
        m.put("kernel", k);
        return m;
    }

    private static Map<String, Object> dropout(double p) {
        Map<String, Object> m = layer("Dropout");
        m.put("p", p);
        return m;
    }
}
