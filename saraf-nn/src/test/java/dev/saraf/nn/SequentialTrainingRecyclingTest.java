package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.Adam;
import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * With gradients a Sequential recycles its intermediate activations and their gradients once
 * backward is through with them: training gives the parameters of the same model trained with
 * recycling off (a forward hook on the Sequential turns it off), bit for bit, step after step.
 */
class SequentialTrainingRecyclingTest {

    /** W-CNN's layers in small: fused conv/relu/pool, dropout, a Flatten view, fused linear/relu. */
    private static Sequential cnn(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(1, 6, 3, rng), new ReLU(), new Conv2d(6, 8, 3, rng), new ReLU(),
                new MaxPool2d(2), new Dropout(0.25, rng), new Flatten(), new Linear(8 * 5 * 5, 16, rng), new ReLU(),
                new Dropout(0.5, rng), new Linear(16, 4, rng));
    }

    /** Layers whose backward reads their own output (sigmoid, tanh), views, a norm, and a last view. */
    private static Sequential readers(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Flatten(), new Linear(12, 12, rng), new Sigmoid(), new Flatten(), new Linear(12, 12, rng),
                new Tanh(), new BatchNorm1d(12), new Linear(12, 12, rng), new ReLU(), new Linear(12, 4, rng), new Flatten());
    }

    /** A max pooling on its own (no ReLU before it to fuse with), as the first layer's. */
    private static Sequential pools(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(1, 4, 3, rng), new MaxPool2d(2), new Tanh(), new Conv2d(4, 6, 3, rng), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(6 * 2 * 2, 4, rng));
    }

    private static Sequential withoutRecycling(Sequential net) {
        net.addForwardHook((m, in, out) -> {});
        return net;
    }

    /** Trains {@code net} for {@code steps} Adam steps; returns the parameters and losses after each. */
    private static float[][] train(Sequential net, int steps, Supplier<Tensor> inputs, boolean twoForwards) {
        return train(net, steps, inputs, twoForwards, false);
    }

    /** As above; with {@code retain}, each step runs backward twice, the first keeping the graph. */
    private static float[][] train(Sequential net, int steps, Supplier<Tensor> inputs, boolean twoForwards,
                                   boolean retain) {
        SplittableRandom rng = new SplittableRandom(3);
        Adam opt = new Adam(net.parameters(), 0.01f);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        List<Tensor> params = net.parameters();
        float[][] seen = new float[steps * (params.size() + 2)][];
        int at = 0;
        for (int s = 0; s < steps; s++) {
            Tensor x = inputs.get();
            float[] y = new float[x.size(0)];
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextInt(4);
            }
            opt.zeroGrad();
            Tensor out = net.forward(x);
            float[] outValues = out.data().clone();
            Tensor l = loss.forward(out, Tensor.wrap(y, y.length));
            if (twoForwards) { // a second graph through the same layers, summed into one loss
                l = l.add(loss.forward(net.forward(x.mul(Tensor.scalar(0.5f))), Tensor.wrap(y, y.length)));
            }
            if (retain) {
                l.backward(Tensor.scalar(1f), true);
            }
            l.backward();
            opt.step();
            assertThat(out.data()).as("the output after backward").isEqualTo(outValues);
            seen[at++] = outValues;
            seen[at++] = new float[] {l.item()};
            for (Tensor p : params) {
                seen[at++] = p.data().clone();
            }
        }
        return seen;
    }

    /** Random inputs of shape {@code dims}, the same sequence for every call with the same seed. */
    private static Supplier<Tensor> inputs(long seed, int... dims) {
        SplittableRandom rng = new SplittableRandom(seed);
        return () -> Tensor.randn(rng, dims);
    }

    private static void assertSameTraining(Supplier<Sequential> model, long seed, int[] dims, boolean twoForwards) {
        assertSameTraining(model, seed, dims, twoForwards, false);
    }

    private static void assertSameTraining(Supplier<Sequential> model, long seed, int[] dims, boolean twoForwards,
                                           boolean retain) {
        float[][] expected = train(withoutRecycling(model.get()), 5, inputs(seed, dims), twoForwards, retain);
        float[][] actual = train(model.get(), 5, inputs(seed, dims), twoForwards, retain);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void aConvolutionalNetworkTrainsBitForBitAsWithoutRecycling() {
        assertSameTraining(() -> cnn(7), 11, new int[] {5, 1, 14, 14}, false);
    }

    @Test
    void layersThatReadTheirOutputsInBackwardAndViewsTrainAsWithoutRecycling() {
        assertSameTraining(() -> readers(8), 12, new int[] {6, 3, 4}, false);
    }

    @Test
    void aMaxPoolingOfItsOwnTrainsAsWithoutRecyclingAndItsArgmaxIsReused() {
        assertSameTraining(() -> pools(18), 19, new int[] {4, 1, 14, 14}, false);
        Sequential net = pools(18);
        train(net, 2, inputs(19, 4, 1, 14, 14), false);
        // the two poolings' argmax: [4, 4, 6, 6] and [4, 6, 2, 2]
        assertThat(net.pooledInts()).isEqualTo(4L * 4 * 6 * 6 + 4L * 6 * 2 * 2);
    }

    @Test
    void aGraphKeptForASecondBackwardKeepsItsActivationsAndArgmax() {
        assertSameTraining(() -> cnn(20), 21, new int[] {3, 1, 14, 14}, false, true);
        assertSameTraining(() -> pools(22), 23, new int[] {3, 1, 14, 14}, false, true);
        // another step's forward and backward between the two backward passes of a kept graph
        float[][] expected = interleaved(withoutRecycling(pools(24)));
        float[][] actual = interleaved(pools(24));
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("gradient %d", i).isEqualTo(expected[i]);
        }
    }

    private static float[][] interleaved(Sequential net) {
        Supplier<Tensor> inputs = inputs(25, 3, 1, 14, 14);
        Tensor kept = net.forward(inputs.get()).pow(2f).sum();
        kept.backward(Tensor.scalar(1f), true);
        net.forward(inputs.get()).pow(2f).sum().backward();
        for (Tensor p : net.parameters()) {
            p.setGrad(null);
        }
        kept.backward();
        return net.parameters().stream().map(p -> p.grad().data()).toArray(float[][]::new);
    }

    @Test
    void twoForwardsBeforeOneBackwardTrainAsWithoutRecycling() {
        assertSameTraining(() -> cnn(9), 13, new int[] {3, 1, 14, 14}, true);
        assertSameTraining(() -> readers(10), 14, new int[] {6, 3, 4}, true);
    }

    @Test
    void aTrainingStepGivesItsArraysBackAndTheNextTakesThem() {
        Sequential net = cnn(14);
        Supplier<Tensor> inputs = inputs(15, 5, 1, 14, 14);
        assertThat(net.pooledFloats()).isZero();
        train(net, 2, inputs, false);
        long afterTwo = net.pooledFloats();
        // the first convolution's output and its gradient; the pooled and the dropped activations
        // (a Flatten views the latter) and their gradients; and some of the hidden layer's arrays
        assertThat(afterTwo).isGreaterThanOrEqualTo(2L * 5 * 6 * 12 * 12 + 4L * 5 * 8 * 5 * 5);
        train(net, 3, inputs, false);
        assertThat(net.pooledFloats()).as("steady: each step takes back what it gave").isEqualTo(afterTwo);
        assertThat(net.pooledInts()).as("the fused pooling's argmax").isEqualTo(5L * 8 * 5 * 5);
    }

    @Test
    void aForwardWithoutBackwardKeepsItsOutputAndTheNextStepIsRight() {
        Sequential net = cnn(16);
        Sequential reference = withoutRecycling(cnn(16));
        SplittableRandom rng = new SplittableRandom(17);
        Tensor x = Tensor.randn(rng, 4, 1, 14, 14);
        net.eval();
        reference.eval();
        Tensor unused = net.forward(x); // gradients on, never backward
        float[] kept = unused.data().clone();
        float[][] a = train(net, 2, () -> x, false);
        float[][] b = train(reference, 2, () -> x, false);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("value %d", i).isEqualTo(b[i]);
        }
        assertThat(unused.data()).isEqualTo(kept);
    }
}
