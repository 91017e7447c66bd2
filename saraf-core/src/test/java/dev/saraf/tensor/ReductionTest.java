package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.kernels.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReductionTest {

    @Test
    void axesAreValidated() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> x.sum(new int[] {1, -1}, false)).hasMessage("sum: axis -1 is repeated in [1, -1] for shape [2, 3]");
        assertThatThrownBy(() -> x.mean(new int[] {2}, false)).hasMessageStartingWith("mean: axis 2 is out of range for shape [2, 3]");
        assertThatThrownBy(() -> x.argmax(-3, false)).hasMessageStartingWith("argmax: axis -3 is out of range");
        assertThatThrownBy(() -> Tensor.zeros(2, 0).max(new int[] {1}, false)).hasMessageStartingWith("max: cannot reduce over an empty axis");
    }

    @Test
    void shapesWithAndWithoutKeepDim() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        assertThat(x.sum(new int[] {0, 2, 3}, false).dims()).containsExactly(3);
        assertThat(x.sum(new int[] {0, 2, 3}, true).dims()).containsExactly(1, 3, 1, 1);
        assertThat(x.sum().dims()).isEmpty();
        assertThat(x.sum(new int[0], true).dims()).containsExactly(1, 1, 1, 1);
        assertThat(x.max(new int[] {-1}, false).dims()).containsExactly(2, 3, 4);
        assertThat(Tensor.zeros(3, 0).sum(new int[] {1}, false).data()).containsExactly(0, 0, 0);
    }

    @Test
    void argmaxAndArgminPickTheFirstExtremum() {
        Tensor x = Tensor.matrix(new float[][] {{1, 5, 5, 0}, {7, 2, 7, -1}, {0, 0, 0, 0}});
        assertThat(x.argmax(1, false).data()).containsExactly(1, 0, 0);
        assertThat(x.argmin(1, false).data()).containsExactly(3, 3, 0);
        assertThat(x.argmax(0, false).data()).containsExactly(1, 0, 1, 0);
        assertThat(x.argmax(0, true).dims()).containsExactly(1, 4);
        assertThat(x.argmin(-2, false).data()).containsExactly(2, 2, 2, 1);
        Tensor y = x.requiresGrad(true).argmax(1, false);
        assertThat(y.requiresGrad()).isFalse();
    }

    @Test
    void maxGradientGoesToTheFirstMaximumOnly() {
        Tensor x = Tensor.matrix(new float[][] {{3, 1, 3}, {2, 2, 0}}).requiresGrad(true);
        x.max(new int[] {1}, false).sum().backward();
        assertThat(x.grad().data()).containsExactly(1, 0, 0, 1, 0, 0);
        Tensor z = Tensor.matrix(new float[][] {{3, 1, 3}, {2, 3, 0}}).requiresGrad(true);
        z.max().backward();
        assertThat(z.grad().data()).containsExactly(1, 0, 0, 0, 0, 0);
        Tensor w = Tensor.matrix(new float[][] {{3, 1, 3}, {1, 0, 0}}).requiresGrad(true);
        w.min(new int[] {0}, true).sum().backward();
        assertThat(w.grad().data()).containsExactly(0, 0, 0, 1, 1, 1);
    }

    @Test
    void meanOfMnistSizedTensorIsAccurate() {
        // 60000 rows (MNIST's count) of values near 0.13; a running float sum over the rows is off in the 4th digit
        int n = 60000;
        int c = 48;
        float[] d = new float[n * c];
        SplittableRandom rng = new SplittableRandom(13);
        double exact = 0;
        double[] colExact = new double[c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextDouble() * 0.26);
            exact += d[i];
            colExact[i % c] += d[i];
        }
        Tensor x = Tensor.wrap(d, n, c);
        assertThat((double) x.mean().item()).isCloseTo(exact / d.length, org.assertj.core.data.Offset.offset(1e-6 * exact / d.length));
        Tensor cols = x.mean(0);
        for (int j = 0; j < c; j++) {
            assertThat((double) cols.data()[j]).isCloseTo(colExact[j] / n, org.assertj.core.data.Offset.offset(2e-6 * colExact[j] / n));
        }
    }

    @Test
    void resultsAreBitIdenticalForOneAndTwoThreads() throws Exception {
        Tensor x = TestTensors.random(new SplittableRandom(14), 32, 3, 24, 41);
        int[][] axesList = {null, {0}, {1}, {3}, {0, 2, 3}, {1, 2}};
        for (int[] axes : axesList) {
            float[] one = Parallel.withThreads(1, () -> x.sum(axes, false).data());
            float[] two = Parallel.withThreads(2, () -> x.sum(axes, false).data());
            assertThat(two).containsExactly(one);
            float[] m1 = Parallel.withThreads(1, () -> x.max(axes, false).data());
            float[] m2 = Parallel.withThreads(2, () -> x.max(axes, false).data());
            assertThat(m2).containsExactly(m1);
            Tensor want = PlainLoops.reduce(x, axes, false, PlainLoops.Kind.SUM);
            for (int i = 0; i < one.length; i++) {
                if (!(Math.abs(one[i] - want.data()[i]) < 1e-3f)) {
                    throw new AssertionError("sum over " + java.util.Arrays.toString(axes) + " element " + i + ": " + one[i]
                            + ", reference " + want.data()[i]);
                }
            }
        }
    }

    @Test
    void varianceUsesTheCorrection() {
        Tensor x = Tensor.vector(1, 2, 3, 4);
        assertThat(x.var(null, false, 1).item()).isCloseTo(5f / 3f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(x.var(null, false, 0).item()).isCloseTo(1.25f, org.assertj.core.data.Offset.offset(1e-6f));
    }
}
