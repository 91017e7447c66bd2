package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Large logits must not overflow: softmax, log-softmax and sigmoid of +-1e4 are finite and exact. */
class StabilityTest {

    @Test
    void softmaxOfHugeLogitsIsFinite() {
        Tensor x = Tensor.matrix(new float[][] {{1e4f, -1e4f, 0f}, {-1e4f, -1e4f, -1e4f}, {1e4f, 1e4f, 1e4f - 1f}}).requiresGrad(true);
        for (int axis : new int[] {0, 1}) {
            Tensor s = x.softmax(axis);
            assertFinite(s);
            Tensor l = x.logSoftmax(axis);
            assertFinite(l);
        }
        Tensor s = x.softmax(1);
        assertThat(s.data()).containsExactly(new float[] {1f, 0f, 0f, 1 / 3f, 1 / 3f, 1 / 3f,
            (float) (1 / (2 + Math.exp(-1))), (float) (1 / (2 + Math.exp(-1))), (float) (Math.exp(-1) / (2 + Math.exp(-1)))},
                org.assertj.core.data.Offset.offset(1e-6f));
        Tensor l = x.logSoftmax(1);
        assertThat(l.data()[0]).isEqualTo(0f);
        assertThat(l.data()[1]).isEqualTo(-2e4f);
        assertThat(l.data()[2]).isEqualTo(-1e4f);
        assertThat(l.data()[3]).isCloseTo((float) -Math.log(3), org.assertj.core.data.Offset.offset(1e-6f));
        l.sum().backward();
        assertFinite(x.grad());
    }

    @Test
    void sigmoidAndTanhSaturate() {
        Tensor x = Tensor.vector(-1e4f, -100f, 100f, 1e4f).requiresGrad(true);
        Tensor s = x.sigmoid();
        assertThat(s.data()[0]).isEqualTo(0f);
        assertThat(s.data()[3]).isEqualTo(1f);
        assertFinite(s);
        Tensor t = x.tanh();
        assertThat(t.data()).containsExactly(-1f, -1f, 1f, 1f);
        s.add(t).sum().backward();
        assertFinite(x.grad());
    }

    @Test
    void softmaxAlongLongRowsAndMiddleAxes() {
        // rows long enough for the parallel exp/sum kernels, and an axis in the middle
        Tensor x = TestTensors.uniform(new java.util.SplittableRandom(11), -50f, 50f, 2, 40_000);
        Tensor s = x.softmax(-1);
        Tensor want = PlainLoops.softmax(x, -1, false);
        PlainLoops.assertClose(want.data(), s.data(), 1e-6, 1e-5, "softmax of long rows");
        Tensor y = TestTensors.uniform(new java.util.SplittableRandom(12), -1e4f, 1e4f, 4, 33, 17);
        Tensor ls = y.logSoftmax(1);
        assertFinite(ls);
        Tensor wantLs = PlainLoops.softmax(y, 1, true);
        // values reach -2e4, where one float ulp is 0.002
        PlainLoops.assertClose(wantLs.data(), ls.data(), 1e-3, 1e-6, "logSoftmax along a middle axis");
    }

    private static void assertFinite(Tensor t) {
        for (float v : t.data()) {
            assertThat(Float.isFinite(v)).as("finite value in %s", t).isTrue();
        }
    }
}
