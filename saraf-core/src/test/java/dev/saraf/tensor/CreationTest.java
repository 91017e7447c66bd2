package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CreationTest {

    @Test
    void factoriesFillAsDocumented() {
        assertThat(Tensor.zeros(2, 3).data()).containsOnly(0f).hasSize(6);
        assertThat(Tensor.ones(4).data()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(Tensor.full(2.5f, 1, 2).data()).containsExactly(2.5f, 2.5f);
        assertThat(Tensor.arange(5).data()).containsExactly(0f, 1f, 2f, 3f, 4f);
        assertThat(Tensor.arange(1f, 2f, 0.25f).data()).containsExactly(1f, 1.25f, 1.5f, 1.75f);
        assertThat(Tensor.arange(3f, 0f, -1f).data()).containsExactly(3f, 2f, 1f);
        assertThat(Tensor.eye(3).data()).containsExactly(1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f);
        assertThat(Tensor.scalar(7f).rank()).isZero();
        assertThat(Tensor.matrix(new float[][] {{1, 2}, {3, 4}}).get(1, 0)).isEqualTo(3f);
    }

    @Test
    void ofCopiesWrapShares() {
        float[] a = {1, 2, 3, 4};
        Tensor copied = Tensor.of(a, 2, 2);
        Tensor shared = Tensor.wrap(a, 2, 2);
        a[0] = 9;
        assertThat(copied.get(0, 0)).isEqualTo(1f);
        assertThat(shared.get(0, 0)).isEqualTo(9f);
        assertThat(shared.get(-1, -1)).isEqualTo(4f);
    }

    @Test
    void randomFactoriesAreSeededAndHaveTheRightMoments() {
        assertThat(Tensor.randn(42, 100).data()).containsExactly(Tensor.randn(42, 100).data());
        assertThat(Tensor.randn(42, 100).data()).isNotEqualTo(Tensor.randn(43, 100).data());
        float[] n = Tensor.normal(new SplittableRandom(1), 3f, 2f, 200_000).data();
        double mean = 0;
        double sq = 0;
        for (float v : n) {
            mean += v;
            sq += (double) v * v;
        }
        mean /= n.length;
        double std = Math.sqrt(sq / n.length - mean * mean);
        assertThat(mean).isBetween(2.98, 3.02);
        assertThat(std).isBetween(1.98, 2.02);
        float[] u = Tensor.uniform(new SplittableRandom(2), -1f, 3f, 100_000).data();
        for (float v : u) {
            assertThat(v).isGreaterThanOrEqualTo(-1f).isLessThan(3f);
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3)).hasMessageContaining("length 5").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Tensor.arange(0f, 1f, 0f)).hasMessageContaining("step");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).get(2, 0)).hasMessageContaining("axis 0");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).item()).hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Shape.of(2, 3).axis(2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
    }

    @Test
    void printsLikePyTorch() {
        assertThat(Tensor.matrix(new float[][] {{1, 2}, {3, 4}}).toString())
                .isEqualTo("tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=[2, 2])");
        assertThat(Tensor.arange(10).toString()).contains("...");
    }
}
