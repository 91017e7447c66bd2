package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sequential runs Conv2d + ReLU (+ MaxPool2d) and Linear + ReLU as one op: same numbers as layer
 * by layer, and hooks still honoured.
 */
class SequentialFusionTest {

    @Test
    void fusedConvReluMatchesLayerByLayerBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = Tensor.randn(rng, 4, 2, 9, 8);
        List<String> seen = fusedMatchesPlain(net(), net(), 1, x, Tensor.randn(rng, 4, 3 * 7 * 6));
        assertThat(seen).containsExactly("relu [4, 5, 7, 6]");
    }

    @Test
    void fusedConvReluMaxPoolMatchesLayerByLayerBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor x = Tensor.randn(rng, 5, 2, 10, 9);
        // plain's hook sits on the pooling layer: its conv and relu still fuse, as two layers
        List<String> seen = fusedMatchesPlain(pooled(), pooled(), 2, x, Tensor.randn(rng, 5, 3 * 4 * 3));
        assertThat(seen).containsExactly("relu [5, 5, 4, 3]");
    }

    @Test
    void aWindowTooLargeForTheConvolutionsOutputIsReportedAsThePoolingLayersError() {
        SplittableRandom rng = new SplittableRandom(6);
        Sequential net = new Sequential(new Conv2d(2, 3, 3, rng), new ReLU(), new MaxPool2d(5));
        assertThatThrownBy(() -> net.forward(Tensor.zeros(1, 2, 6, 6)))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("MaxPool2d")
                .hasMessageContaining("[1, 3, 4, 4]");
    }

    private static Sequential pooled() {
        SplittableRandom rng = new SplittableRandom(12);
        return new Sequential(new Conv2d(2, 5, 3, rng), new ReLU(), new MaxPool2d(new int[] {3, 2}, new int[] {2, 2},
                new int[] {1, 0}), new Conv2d(5, 3, 1, rng), new ReLU(), new Flatten());
    }

    @Test
    void fusedLinearReluMatchesLayerByLayerBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = Tensor.randn(rng, 6, 11);
        // exact zeros and a NaN in the input, so some outputs sit on the mask's edge
        x.data()[3] = 0f;
        x.data()[20] = Float.NaN;
        List<String> seen = fusedMatchesPlain(mlp(), mlp(), 3, x, Tensor.randn(rng, 6, 3));
        assertThat(seen).containsExactly("relu [6, 4]");
    }

    /**
     * Runs {@code fused} and {@code plain} (two copies of one network) on {@code x} and back from
     * {@code g}, with a hook on plain's layer {@code hooked} (a ReLU), which turns fusion off for
     * that pair; asserts the same output and parameter gradients, bit for bit, and returns what
     * the hook saw.
     */
    private static List<String> fusedMatchesPlain(Sequential fused, Sequential plain, int hooked, Tensor x, Tensor g) {
        List<String> seen = new ArrayList<>();
        plain.layers().get(hooked).addForwardHook((m, in, out) -> seen.add("relu " + out.shape()));
        Tensor a = fused.forward(x);
        Tensor b = plain.forward(x);
        assertThat(a.data()).isEqualTo(b.data());
        a.backward(g);
        b.backward(g);
        List<Tensor> pa = fused.parameters();
        List<Tensor> pb = plain.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pa.get(i).grad().data()).as("gradient of parameter %d", i).isEqualTo(pb.get(i).grad().data());
        }
        return seen;
    }

    @Test
    void aBadInputIsStillReportedAsTheLinearLayersError() {
        Sequential net = mlp();
        assertThatThrownBy(() -> net.forward(Tensor.zeros(2, 10)))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("Linear")
                .hasMessageContaining("[2, 10]");
    }

    private static Sequential mlp() {
        SplittableRandom rng = new SplittableRandom(13);
        return new Sequential(new Linear(11, 7, rng), new ReLU(), new Linear(7, 4, rng), new ReLU(), new Linear(4, 3, rng));
    }

    @Test
    void aBadInputIsStillReportedAsTheConvolutionsError() {
        Sequential net = net();
        Tensor wrong = Tensor.zeros(1, 3, 9, 8);
        assertThatThrownBy(() -> net.forward(wrong))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("Conv2d")
                .hasMessageContaining("[1, 3, 9, 8]");
    }

    private static Sequential net() {
        SplittableRandom rng = new SplittableRandom(11);
        return new Sequential(new Conv2d(2, 5, 3, rng), new ReLU(), new Conv2d(5, 3, 1, rng), new ReLU(), new Flatten());
    }
}
