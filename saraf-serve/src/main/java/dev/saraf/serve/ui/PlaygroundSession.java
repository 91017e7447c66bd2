package dev.saraf.serve.ui;

import dev.saraf.autograd.NoGrad;
import dev.saraf.kernels.Parallel;
import dev.saraf.nn.Identity;
import dev.saraf.nn.Linear;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.Sigmoid;
import dev.saraf.nn.Tanh;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One playground network: an MLP {@code [N, 2] -> hidden... -> [N, 2]} trained full-batch with
 * plain SGD and cross-entropy on a {@link PointSet}, a few steps per request, on one thread (the
 * networks are tiny; one thread keeps concurrent sessions from crowding the compute pool and makes
 * runs reproducible). Not thread-safe: {@link Playground} serialises calls per session.
 */
final class PlaygroundSession {
    /** Grid points per side of the decision-boundary heat-map. */
    static final int GRID = 40;
    /** The heat-map spans [-EXTENT, EXTENT]² (the points lie in about [-1, 1]²). */
    static final float EXTENT = 1.2f;

    private final PointSet.Points points;
    private final Module model;
    private final SGD optimizer;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final Tensor inputs;
    private final Tensor targets;
    private final Tensor gridInputs;
    private int step;
    private long lastUsedNanos = System.nanoTime();

    PlaygroundSession(PointSet set, int pointCount, double noise, List<Integer> hidden, String activation, double lr, long seed) {
        this.points = set.generate(pointCount, noise, seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Sequential net = new Sequential();
        int in = 2;
        for (int width : hidden) {
            net.add(new Linear(in, width, rng));
            net.add(activation(activation));
            in = width;
        }
        net.add(new Linear(in, 2, rng));
        this.model = net;
        this.optimizer = new SGD(model.parameters(), (float) lr, 0.9f);
        this.inputs = Tensor.of(points.xy().clone(), points.size(), 2);
        this.targets = Tensor.of(points.labels().clone(), points.size());
        float[] g = new float[GRID * GRID * 2];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                int i = r * GRID + c;
                g[2 * i] = coordinate(c);
                g[2 * i + 1] = -coordinate(r); // row 0 is the top of the picture: largest y
            }
        }
        this.gridInputs = Tensor.of(g, GRID * GRID, 2);
    }

    /** The x (or flipped y) of grid column (row) {@code k}: cell centres across [-EXTENT, EXTENT]. */
    static float coordinate(int k) {
        return -EXTENT + (2 * EXTENT) * (k + 0.5f) / GRID;
    }

    static Module activation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            case "linear" -> new Identity();
            default -> throw new IllegalArgumentException("unknown activation \"" + name + "\"; use relu, tanh, sigmoid or linear");
        };
    }

    /** The training points. */
    PointSet.Points points() {
        return points;
    }

    /** Steps taken so far. */
    int step() {
        return step;
    }

    /** Nanotime of the last use, for expiry. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Takes {@code n} SGD steps on all points; returns the loss before the last step. */
    float train(int n) {
        lastUsedNanos = System.nanoTime();
        float[] last = {Float.NaN};
        Parallel.withThreads(1, () -> {
            for (int i = 0; i < n; i++) {
                optimizer.zeroGrad();
                Tensor l = loss.forward(model.forward(inputs), targets);
                last[0] = l.item();
                l.backward();
                optimizer.step();
                step++;
            }
        });
        return last[0];
    }

    /** The current loss and accuracy on all points: {@code {loss, accuracy}}. */
    double[] evaluate() {
        double[] out = new double[2];
        Parallel.withThreads(1, () -> {
            try (var _ = NoGrad.enter()) {
                Tensor logits = model.forward(inputs);
                out[0] = loss.forward(logits, targets).item();
                float[] z = logits.data();
                float[] y = points.labels();
                int correct = 0;
                for (int i = 0; i < y.length; i++) {
                    int predicted = z[2 * i + 1] > z[2 * i] ? 1 : 0;
                    if (predicted == (int) y[i]) {
                        correct++;
                    }
                }
                out[1] = (double) correct / y.length;
            }
        });
        return out;
    }

    /** The probability of class 1 (green) at each grid point, row-major from the top left: {@code [GRID * GRID]}. */
    float[] boundary() {
        float[] p = new float[GRID * GRID];
        Parallel.withThreads(1, () -> {
            try (var _ = NoGrad.enter()) {
                float[] z = model.forward(gridInputs).data();
                for (int i = 0; i < p.length; i++) {
                    // softmax over two logits = sigmoid of their difference
                    p[i] = (float) (1 / (1 + Math.exp(z[2 * i] - z[2 * i + 1])));
                }
            }
        });
        return p;
    }
}
