package dev.saraf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {

    private static Tensor withGrad(float... g) {
        Tensor p = Tensor.zeros(g.length).requiresGrad(true);
        p.setGrad(Tensor.vector(g));
        return p;
    }

    @Test
    void clipsByTheGlobalEuclideanNorm() {
        Tensor a = withGrad(3f, 0f);
        Tensor b = withGrad(0f, -4f);
        Tensor none = Tensor.zeros(2).requiresGrad(true); // no gradient: ignored
        double total = GradClip.clipGradNorm(List.of(a, b, none), 1.0);
        assertThat(total).isEqualTo(5.0);
        double scale = 1.0 / (5.0 + 1e-6);
        assertThat((double) a.grad().data()[0]).isCloseTo(3 * scale, within(1e-7));
        assertThat((double) b.grad().data()[1]).isCloseTo(-4 * scale, within(1e-7));
        assertThat(none.grad()).isNull();
    }

    @Test
    void leavesSmallGradientsAlone() {
        Tensor a = withGrad(0.3f, -0.4f);
        double total = GradClip.clipGradNorm(List.of(a), 1.0);
        assertThat(total).isCloseTo(0.5, within(1e-7));
        assertThat(a.grad().data()).containsExactly(0.3f, -0.4f);
    }

    @Test
    void supportsOtherNorms() {
        assertThat(GradClip.clipGradNorm(List.of(withGrad(1f, -2f), withGrad(3f)), 100, 1)).isEqualTo(6.0);
        assertThat(GradClip.clipGradNorm(List.of(withGrad(1f, -2f), withGrad(3f)), 100, 3))
                .isCloseTo(Math.cbrt(1 + 8 + 27), within(1e-12));
        Tensor a = withGrad(1f, -8f);
        assertThat(GradClip.clipGradNorm(List.of(a), 2, Double.POSITIVE_INFINITY)).isEqualTo(8.0);
        assertThat((double) a.grad().data()[1]).isCloseTo(-8 * 2 / (8 + 1e-6), within(1e-6));
    }

    @Test
    void clipsByValue() {
        Tensor a = withGrad(-3f, 0.5f, 2f);
        GradClip.clipGradValue(List.of(a), 1f);
        assertThat(a.grad().data()).containsExactly(-1f, 0.5f, 1f);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(), -1)).hasMessage("clipGradNorm: maxNorm must be >= 0, got -1.0");
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(), 1, 0)).hasMessage("clipGradNorm: normType must be > 0 (or infinity), got 0.0");
        assertThatThrownBy(() -> GradClip.clipGradValue(List.of(), Float.NaN)).hasMessage("clipGradValue: clipValue must be >= 0, got NaN");
    }
}
