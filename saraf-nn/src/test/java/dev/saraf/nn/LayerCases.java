package dev.saraf.nn;

import static dev.saraf.nn.LayerCase.of;
import static dev.saraf.nn.TestData.awayFromZero;
import static dev.saraf.nn.TestData.distinct;
import static dev.saraf.nn.TestData.random;

import dev.saraf.nn.init.Init;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The rows of the layer table: every built-in layer, with awkward shapes (1, primes). */
final class LayerCases {
    private LayerCases() {}

    static List<LayerCase> all() {
        List<LayerCase> c = new ArrayList<>();
        linear(c);
        conv(c);
        pooling(c);
        normalisation(c);
        activations(c);
        c.add(of("Dropout p=0.3 train (fixed mask)", r -> new Dropout(0.3, r), g -> random(g, 4, 7), (m, x) -> {
            // the documented stream: one seed drawn from the generator, then a keyed hash of each index
            long seed = new SplittableRandom(7).nextLong();
            int[] index = {0};
            return References.map(x, v -> dropped(seed, index[0]++, 0.3) ? 0 : v / 0.7);
        }).withRun((m, x) -> new Dropout(0.3, new SplittableRandom(7)).forward(x)));
        c.add(of("Dropout p=0.5 eval", r -> new Dropout(0.5, r).eval(), g -> random(g, 3, 5), (m, x) -> x.copy()));
        c.add(of("Embedding 10x4 [2,3]", r -> new Embedding(10, 4, r), g -> TestData.indices(g, 10, 2, 3), (m, x) -> {
            Tensor w = ((Embedding) m).weight();
            float[] y = new float[x.numel() * 4];
            for (int i = 0; i < x.numel(); i++) {
                System.arraycopy(w.data(), (int) x.data()[i] * 4, y, i * 4, 4);
            }
            return Tensor.wrap(y, 2, 3, 4);
        }).noInputGrad());
        c.add(of("Flatten [2,3,2,2]", r -> new Flatten(), g -> random(g, 2, 3, 2, 2), (m, x) -> Tensor.of(x.data(), 2, 12)));
        c.add(of("Flatten(0,1) [2,3,4]", r -> new Flatten(0, 1), g -> random(g, 2, 3, 4), (m, x) -> Tensor.of(x.data(), 6, 4)));
        c.add(of("Sequential Linear-ReLU-Linear", r -> new Sequential(new Linear(5, 4, r), new ReLU(), new Linear(4, 2, r)),
                g -> random(g, 3, 5), (m, x) -> {
                    Sequential s = (Sequential) m;
                    Linear a = (Linear) s.get(0);
                    Linear b = (Linear) s.get(2);
                    Tensor h = References.map(References.linear(x, a.weight(), a.bias()), v -> Math.max(0, v));
                    return References.linear(h, b.weight(), b.bias());
                }).withGrad(1e-3, 2e-2));
        return c;
    }

    private static void linear(List<LayerCase> c) {
        c.add(of("Linear 5->3 [4,5]", r -> new Linear(5, 3, r), g -> random(g, 4, 5),
                (m, x) -> References.linear(x, ((Linear) m).weight(), ((Linear) m).bias())));
        c.add(of("Linear 5->3 no bias [2,3,5]", r -> new Linear(5, 3, false, r), g -> random(g, 2, 3, 5),
                (m, x) -> References.linear(x, ((Linear) m).weight(), null)));
        c.add(of("Linear 1->1 [1,1]", r -> new Linear(1, 1, r), g -> random(g, 1, 1),
                (m, x) -> References.linear(x, ((Linear) m).weight(), ((Linear) m).bias())));
    }

    private static LayerCase conv(String name, java.util.function.Function<RandomGenerator, Module> f, int[] dims, int[] stride,
                                  int[] pads, int[] dil, int groups) {
        return of(name, f, g -> random(g, dims),
                (m, x) -> References.conv2d(x, ((Conv2d) m).weight(), ((Conv2d) m).bias(), stride, pads, dil, groups));
    }

    private static void conv(List<LayerCase> c) {
        int[] one = {1, 1};
        c.add(conv("Conv2d 3->4 k3 p1 [2,3,5,6]", r -> new Conv2d(3, 4, 3, 1, 1, r), new int[] {2, 3, 5, 6}, one,
                new int[] {1, 1, 1, 1}, one, 1));
        c.add(conv("Conv2d 4->6 k(3,2) s(2,1) p(1,0) d(1,2) g2 no bias", r -> new Conv2d(4, 6, new int[] {3, 2},
                new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 2, false, r), new int[] {1, 4, 7, 5}, new int[] {2, 1},
                new int[] {1, 1, 0, 0}, new int[] {1, 2}, 2));
        c.add(conv("Conv2d same k4 (odd total padding)", r -> new Conv2d(2, 3, 4, "same", r), new int[] {1, 2, 5, 5}, one,
                new int[] {1, 2, 1, 2}, one, 1));
        c.add(conv("Conv2d same k3 dilation 2", r -> new Conv2d(2, 2, new int[] {3, 3}, one, "same", new int[] {2, 2}, 1, true, r),
                new int[] {1, 2, 6, 5}, one, new int[] {2, 2, 2, 2}, new int[] {2, 2}, 1));
        c.add(conv("Conv2d valid 1x1 3->5", r -> new Conv2d(3, 5, 1, "valid", r), new int[] {2, 3, 3, 2}, one,
                new int[] {0, 0, 0, 0}, one, 1));
    }

    private static void pooling(List<LayerCase> c) {
        c.add(of("MaxPool2d(2) [2,3,6,6]", r -> new MaxPool2d(2), g -> distinct(g, 2, 3, 6, 6),
                (m, x) -> References.pool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, true)));
        c.add(of("MaxPool2d(3,2,1) [1,2,7,5]", r -> new MaxPool2d(3, 2, 1), g -> distinct(g, 1, 2, 7, 5),
                (m, x) -> References.pool2d(x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, true)));
        c.add(of("AvgPool2d(2) [1,2,7,5]", r -> new AvgPool2d(2), g -> random(g, 1, 2, 7, 5),
                (m, x) -> References.pool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false)));
        c.add(of("AvgPool2d(3,2,1) [2,3,5,6]", r -> new AvgPool2d(3, 2, 1), g -> random(g, 2, 3, 5, 6),
                (m, x) -> References.pool2d(x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, false)));
        c.add(of("AdaptiveAvgPool2d(1) [2,3,5,7]", r -> new AdaptiveAvgPool2d(1), g -> random(g, 2, 3, 5, 7),
                (m, x) -> References.adaptiveAvg(x, 1, 1)));
        c.add(of("AdaptiveAvgPool2d(3,2) [1,2,7,5]", r -> new AdaptiveAvgPool2d(3, 2), g -> random(g, 1, 2, 7, 5),
                (m, x) -> References.adaptiveAvg(x, 3, 2)));
        c.add(of("GlobalAvgPool2d [2,3,5,7]", r -> new GlobalAvgPool2d(), g -> random(g, 2, 3, 5, 7),
                (m, x) -> Tensor.of(References.adaptiveAvg(x, 1, 1).data(), 2, 3)));
    }

    /** Batch norm with random affine parameters and, in eval, random running statistics. */
    private static BatchNorm bn(BatchNorm m, RandomGenerator r, boolean train) {
        if (m.weight() != null) {
            Init.uniform(m.weight(), 0.5, 1.5, r);
            Init.uniform(m.bias(), -0.5, 0.5, r);
        }
        if (!train) {
            Init.uniform(m.runningMean(), -0.5, 0.5, r);
            Init.uniform(m.runningVar(), 0.5, 2, r);
            m.eval();
        }
        return m;
    }

    private static LayerCase bnCase(String name, java.util.function.Function<RandomGenerator, BatchNorm> f, boolean train,
                                    int... dims) {
        return of(name, r -> bn(f.apply(r), r, train), g -> random(g, dims), (m, x) -> {
            BatchNorm b = (BatchNorm) m;
            return train ? References.batchNorm(x, null, null, b.weight(), b.bias(), 1e-5)
                    : References.batchNorm(x, b.runningMean(), b.runningVar(), b.weight(), b.bias(), 1e-5);
        }).withGrad(1e-2, 2e-2);
    }

    private static void normalisation(List<LayerCase> c) {
        c.add(bnCase("BatchNorm1d train [6,4]", r -> new BatchNorm1d(4), true, 6, 4));
        c.add(bnCase("BatchNorm1d train [5,3,7]", r -> new BatchNorm1d(3), true, 5, 3, 7));
        c.add(bnCase("BatchNorm1d eval [4,3]", r -> new BatchNorm1d(3), false, 4, 3));
        c.add(bnCase("BatchNorm2d train [3,2,4,5]", r -> new BatchNorm2d(2), true, 3, 2, 4, 5));
        c.add(bnCase("BatchNorm2d eval [2,3,3,2]", r -> new BatchNorm2d(3), false, 2, 3, 3, 2));
        c.add(bnCase("BatchNorm2d no affine train [2,3,2,3]", r -> new BatchNorm2d(3, 1e-5, 0.1, false), true, 2, 3, 2, 3));
        c.add(lnCase("LayerNorm(5) [3,5]", new int[] {5}, true, 3, 5));
        c.add(lnCase("LayerNorm(3,4) [2,3,4]", new int[] {3, 4}, true, 2, 3, 4));
        c.add(lnCase("LayerNorm(7) no affine [4,7]", new int[] {7}, false, 4, 7));
    }

    private static LayerCase lnCase(String name, int[] shape, boolean affine, int... dims) {
        return of(name, r -> {
            LayerNorm m = new LayerNorm(shape, 1e-5, affine);
            for (Tensor p : m.parameters()) {
                Init.uniform(p, 0.5, 1.5, r);
            }
            return m;
        }, g -> random(g, dims), (m, x) -> {
            var p = m.namedParameters();
            return References.layerNorm(x, dev.saraf.tensor.Shape.of(shape).numel(), p.get("weight"), p.get("bias"), 1e-5);
        }).withGrad(1e-2, 2e-2);
    }

    private static void activations(List<LayerCase> c) {
        c.add(of("ReLU [3,4]", r -> new ReLU(), g -> awayFromZero(g, 0.1f, 3, 4), (m, x) -> References.map(x, v -> Math.max(0, v))));
        c.add(of("LeakyReLU(0.1) [2,5]", r -> new LeakyReLU(0.1f), g -> awayFromZero(g, 0.1f, 2, 5),
                (m, x) -> References.map(x, v -> v > 0 ? v : 0.1f * (float) v)));
        c.add(of("LeakyReLU default [7]", r -> new LeakyReLU(), g -> awayFromZero(g, 0.1f, 7),
                (m, x) -> References.map(x, v -> v > 0 ? v : 0.01f * (float) v)));
        c.add(of("ELU(0.7) [3,3]", r -> new ELU(0.7f), g -> awayFromZero(g, 0.1f, 3, 3),
                (m, x) -> References.map(x, v -> v > 0 ? v : 0.7 * Math.expm1(v))));
        c.add(of("GELU [2,5]", r -> new GELU(), g -> random(g, 2, 5),
                (m, x) -> References.map(x, v -> 0.5 * v * (1 + References.erf(v / Math.sqrt(2))))));
        c.add(of("Sigmoid [4,3]", r -> new Sigmoid(), g -> random(g, 4, 3), (m, x) -> References.map(x, v -> 1 / (1 + Math.exp(-v)))));
        c.add(of("Tanh [5]", r -> new Tanh(), g -> random(g, 5), (m, x) -> References.map(x, Math::tanh)));
        c.add(of("Softmax [3,7]", r -> new Softmax(), g -> random(g, 3, 7), (m, x) -> References.softmax(x, -1, false)));
        c.add(of("Softmax(1) [2,3,4]", r -> new Softmax(1), g -> random(g, 2, 3, 4), (m, x) -> References.softmax(x, 1, false)));
        c.add(of("LogSoftmax [3,7]", r -> new LogSoftmax(), g -> random(g, 3, 7), (m, x) -> References.softmax(x, -1, true)));
        c.add(of("LogSoftmax(0) [4,3]", r -> new LogSoftmax(0), g -> random(g, 4, 3), (m, x) -> References.softmax(x, 0, true)));
        c.add(of("Identity [2,3]", r -> new Identity(), g -> random(g, 2, 3), (m, x) -> x.copy()));
        c.add(of("Step [3,4]", r -> new Step(), g -> awayFromZero(g, 0.1f, 3, 4), (m, x) -> References.map(x, v -> v >= 0 ? 1 : 0)));
    }

    /** Dropout's draw for element {@code i}: two rounds of the lowbias32 mixer, top 24 bits against p. */
    static boolean dropped(long seed, int i, double p) {
        int h = mix(mix(i + (int) seed) ^ (int) (seed >>> 32));
        return (h >>> 8) < Math.round(p * (1 << 24));
    }

    private static int mix(int h) {
        h = (h ^ (h >>> 16)) * 0x7feb352d;
        h = (h ^ (h >>> 15)) * 0x846ca68b;
        return h ^ (h >>> 16);
    }
}
