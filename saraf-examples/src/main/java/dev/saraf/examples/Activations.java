package dev.saraf.examples;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Identity;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.loss.BCEWithLogitsLoss;
import dev.saraf.optim.Adam;
import dev.saraf.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Why activations must be non-linear: the same network {@code 2 -> 16 -> 16 -> 1} is trained on
 * two interleaved spirals (green and red points), once with linear activations (identity) and once
 * with ReLU. Without a non-linearity the layers collapse into one linear map, whose decision
 * boundary is a straight line; with ReLU the boundary follows the spirals. Each run prints its
 * accuracy and a map of the plane ({@code g}/{@code r}: predicted class, {@code G}/{@code R}: points).
 */
public final class Activations {
    private Activations() {}

    /** Accuracy of the linear and of the ReLU network on the training points. */
    public record Outcome(double linearAccuracy, double reluAccuracy) {}

    public static Outcome compare(PrintStream out) {
        int perClass = 100;
        float[] pts = new float[2 * perClass * 2];
        float[] labels = new float[2 * perClass];
        SplittableRandom rng = new SplittableRandom(9);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < perClass; i++) {
                double r = 0.15 + 0.85 * i / perClass;
                double t = 1.75 * i / perClass * 2 * Math.PI + c * Math.PI + 0.1 * rng.nextGaussian();
                int k = c * perClass + i;
                pts[2 * k] = (float) (r * Math.sin(t));
                pts[2 * k + 1] = (float) (r * Math.cos(t));
                labels[k] = c;
            }
        }
        Tensor x = Tensor.of(pts, 2 * perClass, 2);
        Tensor y = Tensor.of(labels, 2 * perClass, 1);
        double linear = run("linear (identity)", Identity::new, x, y, out);
        double relu = run("ReLU", ReLU::new, x, y, out);
        out.printf(Locale.ROOT, "  linear activations: %.1f%% of points right; ReLU: %.1f%%%n", 100 * linear, 100 * relu);
        return new Outcome(linear, relu);
    }

    private static double run(String name, Supplier<Module> activation, Tensor x, Tensor y, PrintStream out) {
        SplittableRandom rng = new SplittableRandom(2);
        Sequential net = new Sequential(new Linear(2, 32, rng), activation.get(), new Linear(32, 32, rng), activation.get(),
                new Linear(32, 1, rng));
        Adam opt = new Adam(net.parameters(), 0.01f);
        BCEWithLogitsLoss lossFn = new BCEWithLogitsLoss();
        float loss = Float.NaN;
        for (int epoch = 0; epoch < 1500; epoch++) {
            opt.zeroGrad();
            Tensor l = lossFn.forward(net.forward(x), y);
            l.backward();
            opt.step();
            loss = l.item();
        }
        try (NoGrad g = NoGrad.enter()) {
            float[] logits = net.forward(x).data();
            int right = 0;
            for (int i = 0; i < logits.length; i++) {
                right += (logits[i] > 0 ? 1 : 0) == (int) y.data()[i] ? 1 : 0;
            }
            double acc = (double) right / logits.length;
            out.printf(Locale.ROOT, "  %s: loss %.3f, accuracy %.1f%%%n", name, loss, 100 * acc);
            printMap(net, x, y, out);
            return acc;
        }
    }

    private static void printMap(Module net, Tensor x, Tensor y, PrintStream out) {
        int w = 48;
        int h = 20;
        float[] grid = new float[w * h * 2];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                grid[2 * (r * w + c)] = -1.1f + 2.2f * c / (w - 1);
                grid[2 * (r * w + c) + 1] = 1.1f - 2.2f * r / (h - 1);
            }
        }
        float[] pred = net.forward(Tensor.wrap(grid, w * h, 2)).data();
        char[][] map = new char[h][w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                map[r][c] = pred[r * w + c] > 0 ? 'r' : '.';
            }
        }
        for (int i = 0; i < y.numel(); i++) {
            int c = Math.round((x.data()[2 * i] + 1.1f) / 2.2f * (w - 1));
            int r = Math.round((1.1f - x.data()[2 * i + 1]) / 2.2f * (h - 1));
            if (r >= 0 && r < h && c >= 0 && c < w) {
                map[r][c] = y.data()[i] > 0.5f ? 'R' : 'G';
            }
        }
        for (char[] row : map) {
            out.println("    " + new String(row));
        }
    }

    public static void main(String[] args) {
        System.out.println("== Linear vs non-linear activations on two interleaved spirals (G = green points, R = red points;");
        System.out.println("   'r' = region the network calls red, '.' = region it calls green) ==");
        compare(System.out);
    }
}
