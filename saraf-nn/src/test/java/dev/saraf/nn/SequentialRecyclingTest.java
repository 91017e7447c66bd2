package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.NoGrad;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Without gradients a Sequential recycles its intermediate activations: the results are those of
 * its layers run one by one, bit for bit, a returned output is never overwritten, and nothing is
 * recycled that a hook or a layer from elsewhere may hold.
 */
class SequentialRecyclingTest {

    private static Sequential cnn(Module... extra) {
        SplittableRandom rng = new SplittableRandom(21);
        Sequential net = new Sequential(new Conv2d(1, 6, 3, rng), new ReLU(), new Conv2d(6, 8, 3, rng), new ReLU(),
                new MaxPool2d(2), new Dropout(0.25, rng), new Flatten(), new Linear(8 * 5 * 5, 16, rng), new ReLU());
        for (Module m : extra) {
            net.add(m);
        }
        net.add(new Linear(16, 4, rng));
        net.eval();
        return net;
    }

    /** The layers one by one, outside the Sequential: no pool. */
    private static Tensor reference(Sequential net, Tensor x) {
        for (Module m : net.layers()) {
            x = m.forward(x);
        }
        return x;
    }

    @Test
    void forwardsWithoutGradientsGiveTheValuesOfAForwardWithGradientsAndLeaveEarlierOutputsAlone() {
        Sequential net = cnn();
        SplittableRandom rng = new SplittableRandom(22);
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> outputs = new ArrayList<>();
        List<float[]> copies = new ArrayList<>();
        try (var _ = NoGrad.enter()) {
            for (int i = 0; i < 4; i++) {
                Tensor x = Tensor.randn(rng, 3, 1, 14, 14);
                Tensor y = net.forward(x);
                inputs.add(x);
                outputs.add(y);
                copies.add(y.data().clone());
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(outputs.get(i).data()).as("call %d, after the later calls", i).isEqualTo(copies.get(i));
            assertThat(outputs.get(i).data()).as("call %d", i).isEqualTo(reference(net, inputs.get(i)).data());
        }
    }

    @Test
    void anActivationAViewStillSharesIsNotReusedUnderIt() {
        // Flatten's output and Dropout's in evaluation share their input's array, and every
        // Linear here makes an output of that same length: reusing the shared array would make a
        // layer write over its own input
        SplittableRandom rng = new SplittableRandom(27);
        Sequential net = new Sequential(new Linear(12, 12, rng), new Flatten(), new Linear(12, 12, rng), new ReLU(),
                new Dropout(0.5, rng), new Linear(12, 12, rng), new Linear(12, 12, rng));
        net.eval();
        for (int i = 0; i < 3; i++) {
            Tensor x = Tensor.randn(rng, 5, 12);
            Tensor y;
            try (var _ = NoGrad.enter()) {
                y = net.forward(x);
            }
            assertThat(y.data()).as("call %d", i).isEqualTo(reference(net, x).data());
        }
    }

    @Test
    void aForwardThatFailsHalfwayLeavesThePoolUsableAndTheNextForwardRight() {
        Sequential net = cnn();
        SplittableRandom rng = new SplittableRandom(28);
        Tensor good = Tensor.randn(rng, 2, 1, 14, 14);
        try (var _ = NoGrad.enter()) {
            net.forward(good);
            // 16 x 16 images reach the hidden Linear with 8 x 6 x 6 features instead of 8 x 5 x 5
            assertThatThrownBy(() -> net.forward(Tensor.randn(rng, 2, 1, 16, 16))).isInstanceOf(LayerException.class);
            Tensor again = net.forward(good);
            assertThat(again.data()).isEqualTo(reference(net, good).data());
        }
    }

    /** A layer of this package that keeps the array of its input, to see whether it is reused. */
    static final class Probe extends Module {
        final List<float[]> seen = new ArrayList<>();

        @Override
        protected Tensor compute(Tensor input) {
            seen.add(input.data());
            return input;
        }
    }

    @Test
    void theSecondForwardWritesItsActivationsIntoTheFirstOnesArrays() {
        Probe probe = new Probe();
        Sequential net = cnn(probe);
        SplittableRandom rng = new SplittableRandom(23);
        try (var _ = NoGrad.enter()) {
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
        }
        // the hidden Linear's output: a new array the first time, the same array the second
        assertThat(probe.seen).hasSize(2);
        assertThat(probe.seen.get(1)).isSameAs(probe.seen.get(0));
        // with gradients, not before a backward
        net.forward(Tensor.randn(rng, 2, 1, 14, 14));
        net.forward(Tensor.randn(rng, 2, 1, 14, 14));
        assertThat(probe.seen.get(3)).isNotSameAs(probe.seen.get(2));
    }

    @Test
    void aForwardHookAnywhereTurnsRecyclingOffSoWhatItKeptStaysIntact() {
        Sequential net = cnn();
        List<Tensor> kept = new ArrayList<>();
        net.get(7).addForwardHook((m, in, out) -> kept.add(out)); // the hidden Linear
        SplittableRandom rng = new SplittableRandom(24);
        try (var _ = NoGrad.enter()) {
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
            float[] first = kept.get(0).data().clone();
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
            assertThat(kept.get(0).data()).isEqualTo(first);
            assertThat(kept.get(1).data()).isNotSameAs(kept.get(0).data());
        }
    }

    @Test
    void aLayerFromOutsideSarafTurnsRecyclingOff() {
        List<float[]> seen = new ArrayList<>();
        Module outside = new dev.saraf.nn.elsewhere.KeepingLayer(seen);
        Sequential net = cnn(outside);
        SplittableRandom rng = new SplittableRandom(25);
        try (var _ = NoGrad.enter()) {
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
            float[] first = seen.get(0).clone();
            net.forward(Tensor.randn(rng, 2, 1, 14, 14));
            assertThat(seen.get(1)).isNotSameAs(seen.get(0));
            assertThat(seen.get(0)).isEqualTo(first);
        }
    }

    @Test
    void threadsSharingAModelEachGetTheirOwnPool() throws Exception {
        Sequential net = cnn();
        SplittableRandom rng = new SplittableRandom(26);
        Tensor[] xs = new Tensor[6];
        float[][] expected = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Tensor.randn(rng, 2, 1, 14, 14);
            expected[i] = reference(net, xs[i]).data();
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    try (var _ = NoGrad.enter()) {
                        for (int r = 0; r < 60; r++) {
                            int i = (r + offset) % xs.length;
                            if (!java.util.Arrays.equals(net.forward(xs[i]).data(), expected[i])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
