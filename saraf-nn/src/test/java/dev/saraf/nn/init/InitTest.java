package dev.saraf.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Linear;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Statistics of large initialised tensors against the formulas (bounds exact, moments within a few percent). */
class InitTest {

    private static double mean(Tensor t) {
        double s = 0;
        for (float v : t.data()) {
            s += v;
        }
        return s / t.numel();
    }

    private static double std(Tensor t) {
        double m = mean(t);
        double s = 0;
        for (float v : t.data()) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / t.numel());
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void uniformAndNormalHaveTheirMoments() {
        Tensor u = Init.uniform(Tensor.zeros(400, 250), -0.5, 1.5, new SplittableRandom(1));
        assertThat(maxAbs(Init.uniform(Tensor.zeros(1000), -0.5, 0.5, new SplittableRandom(1)))).isLessThanOrEqualTo(0.5);
        assertThat(mean(u)).isCloseTo(0.5, within(0.01));
        assertThat(std(u)).isCloseTo(2 / Math.sqrt(12), within(0.01));
        Tensor n = Init.normal(Tensor.zeros(400, 250), 1, 2, new SplittableRandom(2));
        assertThat(mean(n)).isCloseTo(1, within(0.02));
        assertThat(std(n)).isCloseTo(2, within(0.02));
        assertThat(Init.constant(Tensor.zeros(3), 4f).data()).containsOnly(4f);
        assertThat(Init.zeros(Tensor.ones(3)).data()).containsOnly(0f);
    }

    @Test
    void xavierScalesByBothFans() {
        Tensor w = Init.xavierUniform(Tensor.zeros(200, 300), 1, new SplittableRandom(3));
        double bound = Math.sqrt(6.0 / 500);
        assertThat(maxAbs(w)).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.99);
        assertThat(std(w)).isCloseTo(bound / Math.sqrt(3), within(bound * 0.01));
        Tensor c = Init.xavierNormal(Tensor.zeros(64, 32, 5, 5), 5.0 / 3, new SplittableRandom(4));
        assertThat(std(c)).isCloseTo(5.0 / 3 * Math.sqrt(2.0 / (32 * 25 + 64 * 25)), within(0.001));
        assertThat(mean(c)).isCloseTo(0, within(0.001));
    }

    @Test
    void kaimingScalesByTheChosenFanAndGain() {
        Tensor w = Init.kaimingUniform(Tensor.zeros(256, 128, 3, 3), 0, FanMode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(5));
        double bound = Math.sqrt(3) * Math.sqrt(2) / Math.sqrt(128 * 9);
        assertThat(maxAbs(w)).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.99);
        Tensor n = Init.kaimingNormal(Tensor.zeros(256, 128, 3, 3), 0, FanMode.FAN_OUT, Nonlinearity.RELU, new SplittableRandom(6));
        double std = Math.sqrt(2) / Math.sqrt(256 * 9);
        assertThat(std(n)).isCloseTo(std, within(std * 0.01));
        assertThat(Nonlinearity.LEAKY_RELU.gain(Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-12));
        assertThat(Nonlinearity.TANH.gain(0)).isEqualTo(5.0 / 3);
        assertThat(Nonlinearity.SELU.gain(0)).isEqualTo(0.75);
    }

    @Test
    void layerDefaultsArePyTorchs() {
        Linear l = new Linear(300, 400, new SplittableRandom(7));
        double b = 1 / Math.sqrt(300);
        assertThat(maxAbs(l.weight())).isLessThanOrEqualTo(b).isGreaterThan(b * 0.99);
        assertThat(std(l.weight())).isCloseTo(b / Math.sqrt(3), within(b * 0.01));
        assertThat(maxAbs(l.bias())).isLessThanOrEqualTo(b);
        Conv2d c = new Conv2d(8, 64, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 2, true,
                new SplittableRandom(8));
        double cb = 1 / Math.sqrt(4 * 9);
        assertThat(c.weight().dims()).containsExactly(64, 4, 3, 3);
        assertThat(maxAbs(c.weight())).isLessThanOrEqualTo(cb).isGreaterThan(cb * 0.95);
        assertThat(maxAbs(c.bias())).isLessThanOrEqualTo(cb);
    }

    @Test
    void sameSeedSameTensorOtherSeedOther() {
        Tensor a = Init.kaimingNormal(Tensor.zeros(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(9));
        Tensor b = Init.kaimingNormal(Tensor.zeros(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(9));
        Tensor c = Init.kaimingNormal(Tensor.zeros(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(10));
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
    }

    @Test
    void fansNeedTwoAxes() {
        assertThatThrownBy(() -> Init.xavierUniform(Tensor.zeros(5), 1, new SplittableRandom(1)))
                .hasMessageContaining("Init.xavierUniform: fans need a tensor of at least 2 dimensions, got shape [5]");
        assertThat(Init.fanIn(Tensor.zeros(6, 4, 3, 2))).isEqualTo(24);
        assertThat(Init.fanOut(Tensor.zeros(6, 4, 3, 2))).isEqualTo(36);
        assertThatThrownBy(() -> Init.uniform(Tensor.zeros(2), 1, 1, new SplittableRandom(1))).hasMessageContaining("greater than");
    }
}
