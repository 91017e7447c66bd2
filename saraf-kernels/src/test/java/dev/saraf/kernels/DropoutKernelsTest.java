package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutKernelsTest {

    @Test
    void vectorKernelMatchesThePlainLoopsBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : KernelTestData.LENGTHS) {
            for (double p : new double[] {0, 0.1, 0.25, 0.5, 0.999, 1}) {
                int k0 = rng.nextInt();
                int k1 = rng.nextInt();
                int first = rng.nextInt(1000);
                int threshold = DropoutKernels.threshold(p);
                float scale = p >= 1 ? 0f : (float) (1 / (1 - p));
                float[] x = KernelTestData.uniform(rng, n + 3, -5f, 5f);
                float[] wantMask = new float[n + 1];
                float[] wantOut = new float[n + 2];
                float[] gotMask = new float[n + 1];
                float[] gotOut = new float[n + 2];
                DropoutReference.apply(k0, k1, threshold, scale, first, x, 3, wantMask, 1, wantOut, 2, n);
                DropoutVector.apply(k0, k1, threshold, scale, first, x, 3, gotMask, 1, gotOut, 2, n);
                assertThat(gotMask).as("mask n=%d p=%s", n, p).isEqualTo(wantMask);
                assertThat(gotOut).as("out n=%d p=%s", n, p).isEqualTo(wantOut);
                // without a mask to write (the backward's call), the same output
                float[] noMaskRef = new float[n + 2];
                float[] noMaskVec = new float[n + 2];
                DropoutReference.apply(k0, k1, threshold, scale, first, x, 3, null, 0, noMaskRef, 2, n);
                DropoutVector.apply(k0, k1, threshold, scale, first, x, 3, null, 0, noMaskVec, 2, n);
                assertThat(noMaskRef).as("out without mask, reference, n=%d p=%s", n, p).isEqualTo(wantOut);
                assertThat(noMaskVec).as("out without mask, vector, n=%d p=%s", n, p).isEqualTo(wantOut);
                for (int i = 0; i < n; i++) {
                    assertThat(wantMask[1 + i]).isIn(0f, scale);
                    assertThat(wantOut[2 + i]).isEqualTo(x[3 + i] * wantMask[1 + i]);
                }
            }
        }
    }

    @Test
    void theMaskDependsOnTheSeedAloneNotOnTheThreadCount() {
        int n = 5 * BinaryKernels.GRAIN + 17;
        float[] one = new float[n];
        float[] two = new float[n];
        Parallel.withThreads(1, () -> DropoutKernels.apply(42L, 0.3, 2f, null, 0, one, 0, null, 0, n));
        Parallel.withThreads(2, () -> DropoutKernels.apply(42L, 0.3, 2f, null, 0, two, 0, null, 0, n));
        assertThat(two).isEqualTo(one);
        float[] other = new float[n];
        DropoutKernels.apply(43L, 0.3, 2f, null, 0, other, 0, null, 0, n);
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void dropsTheRequestedFractionWithoutPatternsBetweenNeighbours() {
        int n = 1 << 21;
        for (double p : new double[] {0.05, 0.25, 0.5, 0.9}) {
            float[] mask = new float[n];
            DropoutKernels.apply(0x9E3779B97F4A7C15L, p, 1f, null, 0, mask, 0, null, 0, n);
            long dropped = 0;
            long bothDropped = 0;
            for (int i = 0; i < n; i++) {
                if (mask[i] == 0f) {
                    dropped++;
                    if (i > 0 && mask[i - 1] == 0f) {
                        bothDropped++;
                    }
                }
            }
            double sigma = Math.sqrt(p * (1 - p) / n);
            assertThat((double) dropped / n).as("fraction dropped at p=%s", p).isCloseTo(p, org.assertj.core.data.Offset.offset(6 * sigma));
            // neighbours independent: P(both dropped) = p^2
            double pairSigma = Math.sqrt(p * p * (1 - p * p) / n);
            assertThat((double) bothDropped / (n - 1)).as("neighbours at p=%s", p)
                    .isCloseTo(p * p, org.assertj.core.data.Offset.offset(6 * pairSigma));
        }
    }

    @Test
    void zeroKeepsEverythingAndOneDropsEverything() {
        int n = 1000;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 3f);
        float[] mask = new float[n];
        float[] out = new float[n];
        DropoutKernels.apply(1L, 0, 1f, x, 0, mask, 0, out, 0, n);
        assertThat(out).containsOnly(3f);
        DropoutKernels.apply(1L, 1, 0f, x, 0, mask, 0, out, 0, n);
        assertThat(out).containsOnly(0f);
        assertThat(mask).containsOnly(0f);
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        float[] m = new float[4];
        assertThatThrownBy(() -> DropoutKernels.apply(1L, 1.5, 1f, null, 0, m, 0, null, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> DropoutKernels.apply(1L, Double.NaN, 1f, null, 0, m, 0, null, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> DropoutKernels.apply(1L, 0.5, 2f, null, 0, null, 0, m, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to write");
    }
}
