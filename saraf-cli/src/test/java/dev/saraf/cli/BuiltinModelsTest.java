package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.nn.Module;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The built-in models size themselves to the data: input features or channels, image size, outputs. */
class BuiltinModelsTest {

    private static Module build(String name, int[] input, int outputs) {
        // build() runs one forward on zeros and checks the output is [1, outputs].
        return ModelSource.build(name, BuiltinModels.architecture(name, input, outputs), new SplittableRandom(1), input, outputs);
    }

    @Test
    void everyModelFitsGreyAndColourImagesOfSeveralSizes() {
        for (String name : BuiltinModels.NAMES) {
            for (int[] input : new int[][] {{1, 28, 28}, {3, 32, 32}, {3, 17, 23}, {1, 12, 12}}) {
                for (int outputs : new int[] {1, 2, 10, 37}) {
                    assertThat(build(name, input, outputs).parameterCount()).isPositive();
                }
            }
        }
    }

    @Test
    void tableModelsFitAnyFeatureCount() {
        for (int features : new int[] {1, 4, 13, 100}) {
            Module mlp = build("mlp", new int[] {features}, 3);
            assertThat(mlp.parameterCount()).isEqualTo(features * 256 + 256 + 256 * 128 + 128 + 128 * 3 + 3);
            assertThat(build("perceptron", new int[] {features}, 1).parameterCount()).isEqualTo(features + 1);
        }
    }

    @Test
    void cnnComputesTheFlattenedSize() {
        // 3x32x32: conv 3x3 twice -> 28x28, pool -> 14x14, 64 channels: 12,544 features into Linear(., 128).
        Module cnn = build("cnn", new int[] {3, 32, 32}, 10);
        assertThat(cnn.summary(1, 3, 32, 32).rows().stream().filter(r -> r.path().equals("6")).findFirst().orElseThrow()
                .output().dims()).containsExactly(1, 64 * 14 * 14);
        assertThat(build("mlp", new int[] {1, 28, 28}, 10).parameterCount()).isEqualTo(235_146); // W-MLP
    }

    @Test
    void imageModelsRejectTableRowsAndTinyImages() {
        assertThatThrownBy(() -> BuiltinModels.architecture("cnn", new int[] {13}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("[13]").hasMessageContaining("mlp");
        assertThatThrownBy(() -> BuiltinModels.architecture("lenet5", new int[] {1, 8, 8}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("12x12").hasMessageContaining("8x8");
        assertThatThrownBy(() -> BuiltinModels.architecture("cnn", new int[] {1, 5, 40}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("6x6");
        assertThatThrownBy(() -> BuiltinModels.architecture("vgg", new int[] {1, 28, 28}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("perceptron, mlp, lenet5, cnn");
    }
}
