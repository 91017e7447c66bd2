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
    void momentsThatFallBelowTheNormalRangeAreStoredAsZero() {
        int n = 37; // two 16-lane vectors and a scalar tail
        for (boolean amsgrad : new boolean[] {false, true}) {
            float[] p = new float[n];
            float[] m = new float[n];
            float[] v = new float[n];
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = 0.5f - i * 0.01f;
                switch (i % 4) {
                    case 0 -> { m[i] = 1.25e-38f; v[i] = 1e-6f; }          // 0.9 m is subnormal
                    case 1 -> { m[i] = -1.25e-38f; v[i] = 1.17e-38f; }     // both fall below
                    case 2 -> { m[i] = 1e-3f; v[i] = 1e-6f; g[i] = 1e-20f; } // g^2 (1 - beta2) alone is subnormal
                    default -> { m[i] = 2e-38f; v[i] = 2e-38f; }           // 0.9 m stays normal
                }
            }
            float[] p2 = p.clone();
            float[] m2 = m.clone();
            float[] v2 = v.clone();
            float[] vmax = amsgrad ? new float[n] : null;
            float[] vmax2 = amsgrad ? new float[n] : null;
            AdamVector.step(p, g, m, v, vmax, 0, n, 1e-2f, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1f);
            AdamReference.step(p2, g, m2, v2, vmax2, 0, n, 1e-2f, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1f);
            assertThat(p).isEqualTo(p2);
            assertThat(m).isEqualTo(m2);
            assertThat(v).isEqualTo(v2);
            for (int i = 0; i < n; i++) {
                assertThat(Math.abs(m[i]) == 0f || Math.abs(m[i]) >= Float.MIN_NORMAL).as("m[%d] = %s", i, m[i]).isTrue();
                assertThat(v[i] == 0f || v[i] >= Float.MIN_NORMAL).as("v[%d] = %s", i, v[i]).isTrue();
                switch (i % 4) {
                    case 0 -> assertThat(Float.floatToRawIntBits(m[i])).as("m[%d]", i).isZero();
                    case 1 -> {
                        assertThat(Float.floatToRawIntBits(m[i])).as("m[%d] (+0, not -0)", i).isZero();
                        assertThat(v[i]).as("v[%d]", i).isZero();
                    }
                    case 2 -> assertThat(v[i]).as("v[%d]", i).isEqualTo(0.999f * 1e-6f + 0.001f * 1e-20f * 1e-20f);
                    default -> assertThat(m[i]).as("m[%d]", i).isEqualTo(2e-38f + 0.1f * (0f - 2e-38f));
                }
            }
        }
    }

    @Test
    void aWeightWhoseGradientStopsNeverKeepsASubnormalMoment() {
        float[] p = {0.5f, -0.25f, 0.125f};
        float[] m = new float[3];
        float[] v = new float[3];
        float[] kick = {0.01f, -0.02f, 0.03f};
        float[] none = new float[3];
        for (int t = 1; t <= 2000; t++) {
            float stepSize = (float) (1e-3 / (1 - Math.pow(0.9, t)));
            float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(0.999, t));
            AdamKernels.step(p, t == 1 ? kick : none, m, v, null, 0, 3, stepSize, bc2Sqrt, 0.9f, 0.999f, 1e-8f, 0f, 1f);
            for (int i = 0; i < 3; i++) {
                assertThat(m[i] == 0f || Math.abs(m[i]) >= Float.MIN_NORMAL).as("step %d m[%d] = %s", t, i, m[i]).isTrue();
            }
        }
        // 0.9^t drops 0.001 below the normal range after about 810 steps
        assertThat(m).containsOnly(0f);
        assertThat(v[0]).isPositive(); // 0.999^2000 of 1e-7 is still normal
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
