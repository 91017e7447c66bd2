package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamKernelsTest {

    /** Runs three steps of the vector kernel and of the reference on copies of the same state. */
    private static void compare(int n, boolean amsgrad, float l2, float shrink, SplittableRandom rng) {
        float[] p = KernelTestData.uniform(rng, n + 2, -1f, 1f);
        float[] m = KernelTestData.uniform(rng, n + 2, -0.1f, 0.1f);
        float[] v = KernelTestData.uniform(rng, n + 2, 0f, 0.01f);
        float[] vmax = amsgrad ? KernelTestData.uniform(rng, n + 2, 0f, 0.02f) : null;
        float[] p2 = p.clone();
        float[] m2 = m.clone();
        float[] v2 = v.clone();
        float[] vmax2 = amsgrad ? vmax.clone() : null;
        for (int t = 1; t <= 3; t++) {
            float[] g = KernelTestData.uniform(rng, n + 2, -2f, 2f);
            g[1] = 0f; // a zero gradient on a zero second moment must not divide by zero
            float stepSize = (float) (1e-3 / (1 - Math.pow(0.9, t)));
            float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(0.999, t));
            AdamVector.step(p, g, m, v, vmax, 1, n + 1, stepSize, bc2Sqrt, 0.9f, 0.999f, 1e-8f, l2, shrink);
            AdamReference.step(p2, g, m2, v2, vmax2, 1, n + 1, stepSize, bc2Sqrt, 0.9f, 0.999f, 1e-8f, l2, shrink);
        }
        String what = "n=" + n + " amsgrad=" + amsgrad + " l2=" + l2 + " shrink=" + shrink;
        assertThat(p).as("params %s", what).isEqualTo(p2);
        assertThat(m).as("first moment %s", what).isEqualTo(m2);
        assertThat(v).as("second moment %s", what).isEqualTo(v2);
        if (amsgrad) {
            assertThat(vmax).as("max second moment %s", what).isEqualTo(vmax2);
        }
    }

    @Test
    void vectorStepGivesTheReferenceBitsOnAwkwardLengths() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int n : KernelTestData.LENGTHS) {
            compare(n, false, 0f, 1f, rng);
            compare(n, true, 0.01f, 1f, rng);
            compare(n, false, 0f, 0.999f, rng);
        }
    }

    @Test
    void referenceMatchesTheTextbookFormula() {
        float[] p = {0.5f};
        float[] m = {0f};
        float[] v = {0f};
        float g = 0.25f;
        AdamReference.step(p, new float[] {g}, m, v, null, 0, 1, 1e-3f / 0.1f, (float) Math.sqrt(0.001), 0.9f, 0.999f,
                1e-8f, 0f, 1f);
        // first step: m = 0.1 g, v = 0.001 g^2, so the update is lr * sign(g) (up to eps)
        assertThat((double) m[0]).isCloseTo(0.1 * g, org.assertj.core.api.Assertions.within(1e-8));
        assertThat((double) p[0]).isCloseTo(0.5 - 1e-3, org.assertj.core.api.Assertions.within(1e-7));
    }

    @Test
    void rejectsARangeOutsideTheArrays() {
        float[] a = new float[4];
        assertThatThrownBy(() -> AdamKernels.step(a, a, a, a, null, 0, 5, 1f, 1f, 0.9f, 0.999f, 1e-8f, 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adam");
    }
}
