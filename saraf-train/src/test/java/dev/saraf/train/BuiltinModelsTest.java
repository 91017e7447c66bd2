package dev.saraf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Architecture;
import dev.saraf.nn.Module;
import dev.saraf.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every built-in model builds for its inputs and maps one example to the asked number of outputs. */
class BuiltinModelsTest {
    private static int[] outShape(String name, int[] input, int outputs) {
        Module m = Architecture.build(BuiltinModels.architecture(name, input, outputs), new EpochRandom(1));
        int[] batch = new int[input.length + 1];
        batch[0] = 2;
        System.arraycopy(input, 0, batch, 1, input.length);
        m.eval();
        try (var _ = NoGrad.enter()) {
            return m.forward(Tensor.zeros(batch)).shape().dims();
        }
    }

    @Test
    void everyModelFitsImagesAndTheTableModelsFitRows() {
        for (String name : BuiltinModels.NAMES) {
            assertThat(outShape(name, new int[] {1, 28, 28}, 10)).as(name).containsExactly(2, 10);
            assertThat(outShape(name, new int[] {3, 13, 17}, 4)).as(name + " on odd RGB sizes").containsExactly(2, 4);
        }
        assertThat(outShape("mlp", new int[] {7}, 3)).containsExactly(2, 3);
        assertThat(outShape("perceptron", new int[] {7}, 1)).containsExactly(2, 1);
    }

    @Test
    void misfitsAreRefusedSayingWhatWouldFit() {
        assertThatThrownBy(() -> BuiltinModels.architecture("cnn", new int[] {7}, 3)).hasMessageContaining("use mlp or perceptron");
        assertThatThrownBy(() -> BuiltinModels.architecture("lenet5", new int[] {1, 8, 8}, 3)).hasMessageContaining("at least 12x12");
        assertThatThrownBy(() -> BuiltinModels.architecture("resnet", new int[] {1, 28, 28}, 3)).hasMessageContaining("unknown model");
        assertThatThrownBy(() -> BuiltinModels.architecture("mlp", new int[] {4}, 0)).hasMessageContaining("at least one output");
    }
}
