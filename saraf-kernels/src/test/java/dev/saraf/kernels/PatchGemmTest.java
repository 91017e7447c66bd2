package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchGemmTest {

    /**
     * Geometries for the patch product: W-CNN's second convolution, rows of 24 and 26 pixels (whole
     * and split micro-panels), padding on either axis, stride 2, dilation 2, a 1x1 kernel and a
     * row narrower than a micro-panel.
     */
    private static final Window2d[] GEOMETRIES = {
        new Window2d(26, 26, 3, 3, 1, 1, 0, 0, 1, 1),
        new Window2d(28, 28, 3, 3, 1, 1, 0, 0, 1, 1),
        new Window2d(9, 14, 3, 3, 1, 1, 1, 1, 1, 1),
        new Window2d(12, 25, 3, 2, 2, 1, 0, 1, 1, 1),
        new Window2d(11, 30, 3, 3, 2, 2, 1, 2, 2, 2),
        new Window2d(7, 13, 1, 1, 1, 1, 0, 0, 1, 1),
        new Window2d(10, 5, 2, 3, 1, 1, 0, 0, 1, 1),
    };

    @Test
    void patchRowsTimesTheTransposedWeightsAreBitForBitTheBlockedGemmOfTheColumnMatrix() {
        SplittableRandom rng = new SplittableRandom(81);
        int[] channelCounts = {1, 3, 32};
        int[] outCounts = {64, 7, 45};
        for (Window2d w : GEOMETRIES) {
            for (int t = 0; t < channelCounts.length; t++) {
                int channels = channelCounts[t];
                int k = outCounts[t];
                int depth = channels * w.kernelSize();
                int pixels = w.outPlaneSize();
                float[] x = KernelTestData.uniform(rng, 3 + channels * w.planeSize(), -1f, 1f);
                float[] weights = KernelTestData.uniform(rng, 5 + k * depth, -1f, 1f);
                float[] col = new float[depth * pixels];
                Im2col.im2col(w, channels, x, 3, col, 0);
                // the im2col path: [K, P Q] = W x col, then the reference in channels-last order
                float[] expected = new float[k * pixels];
                PackedA packed = PackedA.of(false, k, depth, weights, 5, depth);
                Gemm.sgemm(packed, false, pixels, 1f, col, 0, pixels, 0f, expected, 0, pixels);
                float[] reference = new float[k * pixels];
                GemmReference.sgemm(false, false, k, pixels, depth, 1f, weights, 5, depth, col, 0, pixels, 0f,
                        reference, 0, pixels);
                float[] panels = PatchGemm.packWeights(weights, 5, k, depth);
                boolean exact = PatchGemm.applies(k, depth, w.outWidth());
                // pixel ranges that start and end anywhere, a few rows of C apart
                for (int from = 0; from < pixels; ) {
                    int to = Math.min(pixels, from + 1 + rng.nextInt(40));
                    int ldc = k + rng.nextInt(3);
                    float[] c = new float[2 + (to - from) * ldc];
                    java.util.Arrays.fill(c, Float.NaN); // overwritten, never read
                    PatchGemm.forward(w, channels, x, 3, panels, k, from, to, c, 2, ldc);
                    for (int pix = from; pix < to; pix++) {
                        for (int j = 0; j < k; j++) {
                            float got = c[2 + (pix - from) * ldc + j];
                            String what = w + " channels " + channels + " K " + k + " pixel " + pix + " channel " + j;
                            if (exact) {
                                assertThat(got).as(what).isEqualTo(expected[j * pixels + pix]);
                            }
                            float ref = reference[j * pixels + pix];
                            assertThat(got).as(what).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-4f * depth));
                        }
                    }
                    from = to;
                }
            }
        }
    }

    @Test
    void appliesOnlyWhereTheBlockedGemmWouldTakeOneSliceOfPackedWeights() {
        assertThat(PatchGemm.applies(64, 288, 24)).isTrue();
        assertThat(PatchGemm.applies(4, 288, 240)).as("four channels go to the unpacked GEMM").isFalse();
        assertThat(PatchGemm.applies(8, 9, 26)).as("a product this small goes unpacked").isFalse();
        assertThat(PatchGemm.applies(64, GemmBlocked.DEFAULT.deepKc() + 1, 24)).as("two k-slices").isFalse();
    }

    @Test
    void sizesThatDoNotFitAreRejectedWithTheirFigures() {
        Window2d w = new Window2d(8, 8, 3, 3, 1, 1, 0, 0, 1, 1);
        float[] weights = PatchGemm.packWeights(new float[16 * 18], 0, 16, 18);
        assertThatThrownBy(() -> PatchGemm.forward(w, 2, new float[100], 0, weights, 16, 0, 36, new float[36 * 16], 0, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image array 100");
        assertThatThrownBy(() -> PatchGemm.forward(w, 2, new float[128], 0, weights, 16, 30, 37, new float[36 * 16], 0,
                16)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixels [30, 37) of 36");
        assertThatThrownBy(() -> PatchGemm.packWeights(new float[10], 0, 16, 18))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[16, 18]");
    }
}
