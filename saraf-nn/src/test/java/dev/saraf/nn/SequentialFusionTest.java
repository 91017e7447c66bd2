package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sequential runs Conv2d + ReLU and Linear + ReLU as one op: same numbers as layer by layer, and hooks still honoured. */
class SequentialFusionTest {

    @Test
    void fusedConvReluMatchesLayerByLayerBitForBit() {
        Tensor x = Tensor.randn(new SplittableRandom(3), 4, 2, 9, 8);
        Sequential fused = net();
        Sequential plain = net();
        // a hook on the ReLU turns fusion off for that pair, so plain runs the two layers apart
        List<String> seen = new ArrayList<>();
        plain.layers().get(1).addForwardHook((m, in, out) -> seen.add("relu " + out.shape()));
        Tensor a = fused.forward(x);
        Tensor b = plain.forward(x);
        assertThat(a.data()).isEqualTo(b.data());
        assertThat(seen).containsExactly("relu [4, 5, 7, 6]");
        a.sum().backward();
        b.sum().backward();
        List<Tensor> pa = fused.parameters();
        List<Tensor> pb = plain.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pa.get(i).grad().data()).as("gradient of parameter %d", i).isEqualTo(pb.get(i).grad().data());
        }
    }

    @Test
    void fusedLinearReluMatchesLayerByLayerBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = Tensor.randn(rng, 6, 11);
        // exact zeros and a NaN in the input, so some outputs sit on the mask's edge
        x.data()[3] = 0f;
        x.data()[20] = Float.NaN;
        Sequential fused = mlp();
        Sequential plain = mlp();
        List<String> seen = new ArrayList<>();
        plain.layers().get(3).addForwardHook((m, in, out) -> seen.add("relu " + out.shape()));
        Tensor a = fused.forward(x);
        Tensor b = plain.forward(x);
        assertThat(a.data()).isEqualTo(b.data());
        assertThat(seen).containsExactly("relu [6, 4]");
        Tensor g = Tensor.randn(rng, 6, 3);
        a.backward(g);
        b.backward(g);
        List<Tensor> pa = fused.parameters();
        List<Tensor> pb = plain.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pa.get(i).grad().data()).as("gradient of parameter %d", i).isEqualTo(pb.get(i).grad().data());
        }
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
