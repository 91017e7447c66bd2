package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.kernels.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** matmul beyond the op table: larger batches (the parallel paths), gradients of broadcast batches, errors. */
class LinearAlgebraTest {

    @Test
    void batchedBroadcastForwardAndBackwardAgreeWithReferenceOnTwoThreads() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor a = TestTensors.random(rng, 6, 1, 9, 17).requiresGrad(true);
        Tensor b = TestTensors.random(rng, 5, 17, 3).requiresGrad(true);
        Tensor g = TestTensors.random(rng, 6, 5, 9, 3);
        Tensor out = Parallel.withThreads(2, () -> {
            Tensor y = a.matmul(b);
            y.backward(g);
            return y;
        });
        assertClose(out, LinearAlgebraCases.reference(a, b), 1e-5);
        // dA[i, 0] = sum_j g[i, j] b[j]^T ; dB[j] = sum_i a[i, 0]^T g[i, j]
        float[] dA = new float[a.numel()];
        float[] dB = new float[b.numel()];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                for (int r = 0; r < 9; r++) {
                    for (int c = 0; c < 3; c++) {
                        float gv = g.data()[((i * 5 + j) * 9 + r) * 3 + c];
                        for (int p = 0; p < 17; p++) {
                            dA[(i * 9 + r) * 17 + p] += gv * b.data()[(j * 17 + p) * 3 + c];
                            dB[(j * 17 + p) * 3 + c] += a.data()[(i * 9 + r) * 17 + p] * gv;
                        }
                    }
                }
            }
        }
        assertClose(a.grad(), Tensor.wrap(dA, a.dims()), 1e-4);
        assertClose(b.grad(), Tensor.wrap(dB, b.dims()), 1e-4);
    }

    @Test
    void sameThreadCountGivesBitIdenticalResults() throws Exception {
        SplittableRandom rng = new SplittableRandom(12);
        Tensor a = TestTensors.random(rng, 8, 7, 13);
        Tensor b = TestTensors.random(rng, 13, 5);
        Tensor c = TestTensors.random(rng, 8, 13, 5);
        float[] first = Parallel.withThreads(2, () -> a.matmul(c).data());
        float[] second = Parallel.withThreads(2, () -> a.matmul(c).data());
        assertThat(second).containsExactly(first);
        assertThat(a.matmul(b).data()).containsExactly(a.matmul(b).data());
    }

    @Test
    void errorsNameBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                .hasMessageContaining("matmul: shapes [2, 3] and [4, 5]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 5)))
                .hasMessageContaining("[2, 2, 3]").hasMessageContaining("[3, 3, 5]").hasMessageContaining("broadcast");
        assertThatThrownBy(() -> Tensor.scalar(1f).matmul(Tensor.zeros(3)))
                .hasMessageContaining("matmul").hasMessageContaining("[]");
    }

    static void assertClose(Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < actual.numel(); i++) {
            float e = expected.data()[i];
            if (Math.abs(actual.data()[i] - e) > tol * (1 + Math.abs(e))) {
                throw new AssertionError("element " + i + " is " + actual.data()[i] + ", expected " + e);
            }
        }
    }
}
