package dev.saraf.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.nn.Module;
import dev.saraf.train.BuiltinModels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** --model: built-in models size themselves to the data; what does not fit is a one-line CLI error. */
class ModelSourceTest {

    private static Module build(String name, int[] input, int outputs) {
        // build() runs one forward on zeros and checks the output is [1, outputs].
        return ModelSource.build(name, ModelSource.architecture(name, input, outputs), new SplittableRandom(1), input, outputs);
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
    void imageModelsAdaptToChannelsSizeAndClasses() {
        // 3x32x32: conv 3x3 twice -> 28x28, pool -> 14x14, 64 channels: 12,544 features into Linear(., 128).
        Module cnn = build("cnn", new int[] {3, 32, 32}, 100);
        assertThat(cnn.summary(1, 3, 32, 32).rows().stream().filter(r -> r.path().equals("6")).findFirst().orElseThrow()
                .output().dims()).containsExactly(1, 64 * 14 * 14);
        assertThat(build("mlp", new int[] {1, 28, 28}, 10).parameterCount()).isEqualTo(235_146); // W-MLP
        assertThat(build("cnn", new int[] {1, 28, 28}, 10).parameterCount()).isEqualTo(1_199_882); // W-CNN
        for (String name : BuiltinModels.NAMES) {
            assertThat(build(name, new int[] {3, 17, 23}, 37).parameterCount()).as(name).isPositive();
        }
    }

    @Test
    void misfitsAndUnknownNamesAreCliErrors() {
        assertThatThrownBy(() -> ModelSource.architecture("cnn", new int[] {13}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("[13]").hasMessageContaining("mlp");
        assertThatThrownBy(() -> ModelSource.architecture("lenet5", new int[] {1, 8, 8}, 2))
                .isInstanceOf(CliException.class).hasMessageContaining("12x12").hasMessageContaining("8x8");
        assertThatThrownBy(() -> ModelSource.architecture("vgg", new int[] {1, 28, 28}, 2))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(Saraf.USAGE_ERROR))
                .hasMessageContaining("perceptron, mlp, lenet5, cnn");
        assertThatThrownBy(() -> ModelSource.architecture("nets/none.json", new int[] {1, 28, 28}, 2))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(Saraf.FAILURE))
                .hasMessageContaining("no such file");
    }
}
