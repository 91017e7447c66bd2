package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.kernels.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pooling beyond the op table: ties, the plane-parallel path, default stride, errors. */
class PoolingTest {

    @Test
    void maxPoolTiesSendTheGradientToTheFirstMaximum() {
        Tensor x = Tensor.of(new float[] {
            1, 1, 0,
            1, 1, 0,
            0, 0, 0}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = x.maxPool2d(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0});
        assertThat(y.data()).containsExactly(1, 1, 1, 1);
        y.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        // windows at (0,0), (0,1), (1,0) start on a 1 in their first cell; (1,1)'s first cell is x[1,1]
        assertThat(x.grad().data()).containsExactly(1, 2, 0, 3, 4, 0, 0, 0, 0);
    }

    @Test
    void planeParallelPathsMatchReferenceAndSingleThread() throws Exception {
        SplittableRandom rng = new SplittableRandom(31);
        Tensor x = TestTensors.distinct(rng, 4, 16, 13, 11).requiresGrad(true);
        Tensor g = TestTensors.random(rng, 4, 16, 7, 6);
        int[] k = {3, 3};
        int[] s = {2, 2};
        int[] p = {1, 1};
        for (boolean max : new boolean[] {true, false}) {
            float[][] grads = new float[2][];
            for (int threads = 1; threads <= 2; threads++) {
                x.setGrad(null);
                Tensor y = Parallel.withThreads(threads, () -> max ? x.maxPool2d(k, s, p) : x.avgPool2d(k, s, p));
                LinearAlgebraTest.assertClose(y, PoolingCases.reference(x, k, s, p, max), 1e-5);
                Parallel.withThreads(threads, () -> y.backward(g));
                grads[threads - 1] = x.grad().data().clone();
            }
            // planes are independent (64 planes: two chunks on two threads), so the split cannot change any sum
            assertThat(grads[1]).containsExactly(grads[0]);
        }
    }

    @Test
    void nullStrideMeansKernelSize() {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        assertThat(x.maxPool2d(new int[] {2, 2}, null, new int[] {0, 0}).data()).containsExactly(5, 7, 13, 15);
        assertThat(x.avgPool2d(new int[] {2, 2}, null, new int[] {0, 0}).data()).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
    }

    @Test
    void errorsNameTheOpAndTheShape() {
        Tensor x = Tensor.zeros(1, 2, 4, 4);
        int[] two = {2, 2};
        assertThatThrownBy(() -> Tensor.zeros(2, 4, 4).maxPool2d(two, two, new int[] {0, 0}))
                .hasMessageContaining("maxPool2d").hasMessageContaining("[2, 4, 4]");
        assertThatThrownBy(() -> x.avgPool2d(two, two, new int[] {2, 0}))
                .hasMessageContaining("avgPool2d").hasMessageContaining("at most half");
        assertThatThrownBy(() -> x.maxPool2d(new int[] {5, 5}, two, new int[] {0, 0}))
                .hasMessageContaining("maxPool2d").hasMessageContaining("larger than the padded input").hasMessageContaining("[1, 2, 4, 4]");
        assertThatThrownBy(() -> x.maxPool2d(new int[] {2}, two, new int[] {0, 0}))
                .hasMessageContaining("kernel");
    }
}
