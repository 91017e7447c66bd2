package dev.saraf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    @Test
    void trainingUpdatesRunningStatisticsWithUnbiasedVariance() {
        BatchNorm1d bn = new BatchNorm1d(2);
        // channel 0: 1, 3, 5 (mean 3, unbiased var 4); channel 1: 0, 0, 6 (mean 2, unbiased var 12)
        Tensor x = Tensor.matrix(new float[][] {{1, 0}, {3, 0}, {5, 6}});
        Tensor y = bn.forward(x);
        assertThat(bn.runningMean().data()).containsExactly(new float[] {0.3f, 0.2f}, within(1e-6f));
        assertThat(bn.runningVar().data()).containsExactly(new float[] {0.9f + 0.4f, 0.9f + 1.2f}, within(1e-6f));
        assertThat(bn.stateDict().get("num_batches_tracked").item()).isEqualTo(1f);
        // normalised with the biased variance 8/3
        assertThat(y.get(0, 0)).isCloseTo((float) (-2 / Math.sqrt(8.0 / 3 + 1e-5)), within(1e-5f));
        bn.eval();
        Tensor e = bn.forward(x);
        assertThat(e.get(2, 1)).isCloseTo((float) ((6 - 0.2) / Math.sqrt(2.1 + 1e-5)), within(1e-5f));
        assertThat(bn.stateDict().get("num_batches_tracked").item()).isEqualTo(1f);
        assertThat(bn.runningMean().data()).containsExactly(new float[] {0.3f, 0.2f}, within(1e-6f));
    }

    @Test
    void trainingNeedsMoreThanOneValuePerChannel() {
        BatchNorm1d bn = new BatchNorm1d(3);
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(1, 3))).hasMessageContaining("more than one value per channel");
        bn.eval();
        assertThat(bn.forward(Tensor.zeros(1, 3)).dims()).containsExactly(1, 3);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Tensor x = TestData.random(new java.util.SplittableRandom(3), 4, 64, 9, 9);
        BatchNorm2d a = new BatchNorm2d(64);
        BatchNorm2d b = new BatchNorm2d(64);
        float[][] out = new float[2][];
        dev.saraf.kernels.Parallel.withThreads(1, () -> {
            out[0] = a.forward(x).data();
        });
        dev.saraf.kernels.Parallel.withThreads(4, () -> {
            out[1] = b.forward(x).data();
        });
        assertThat(out[1]).containsExactly(out[0]);
        assertThat(b.runningVar().data()).containsExactly(a.runningVar().data());
    }
}
