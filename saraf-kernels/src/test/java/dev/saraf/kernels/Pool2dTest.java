package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Pool2dTest {

    static final Window2d[] GEOMETRIES = {
        Window2d.of(1, 1, 1, 1, 1, 1, 0, 0),
        Window2d.of(4, 4, 2, 2, 2, 2, 0, 0),
        Window2d.of(7, 5, 3, 3, 2, 2, 1, 1),
        Window2d.of(11, 13, 3, 2, 1, 3, 1, 1),
        Window2d.of(5, 9, 5, 4, 3, 2, 2, 2),
        new Window2d(9, 8, 3, 3, 2, 1, 1, 0, 2, 2),
        Window2d.of(2, 31, 1, 7, 1, 5, 0, 3),
    };

    static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void maxForwardAndBackwardMatchDefinition() {
        SplittableRandom rng = new SplittableRandom(4);
        for (Window2d w : GEOMETRIES) {
            int planes = 3;
            float[] x = random(rng, planes * w.planeSize());
            // force ties: the gradient must go to the first maximum in window order
            for (int i = 1; i < x.length; i += 3) {
                x[i] = x[i - 1];
            }
            int pq = w.outPlaneSize();
            float[] out = new float[planes * pq + 2];
            int[] arg = new int[planes * pq + 1];
            Pool2d.maxForward(w, planes, x, 0, out, 2, arg, 1);
            float[] gOut = random(rng, planes * pq);
            float[] gIn = new float[x.length];
            Pool2d.maxBackward(w, planes, gOut, 0, arg, 1, gIn, 0);
            float[] expectedGrad = new float[x.length];
            for (int pl = 0; pl < planes; pl++) {
                for (int p = 0; p < w.outHeight(); p++) {
                    for (int q = 0; q < w.outWidth(); q++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int bi = -1;
                        for (int r = 0; r < w.kernelH(); r++) {
                            for (int s = 0; s < w.kernelW(); s++) {
                                int ih = p * w.strideH() - w.padH() + r * w.dilationH();
                                int iw = q * w.strideW() - w.padW() + s * w.dilationW();
                                if (ih >= 0 && ih < w.height() && iw >= 0 && iw < w.width()) {
                                    int idx = pl * w.planeSize() + ih * w.width() + iw;
                                    if (x[idx] > best) {
                                        best = x[idx];
                                        bi = idx;
                                    }
                                }
                            }
                        }
                        int o = (pl * w.outHeight() + p) * w.outWidth() + q;
                        assertThat(out[2 + o]).as("%s out %d", w, o).isEqualTo(best);
                        assertThat(pl * w.planeSize() + arg[1 + o]).as("%s argmax %d", w, o).isEqualTo(bi);
                        expectedGrad[bi] += gOut[o];
                    }
                }
            }
            for (int i = 0; i < x.length; i++) {
                assertThat(gIn[i]).as("%s grad %d", w, i).isCloseTo(expectedGrad[i], within(1e-6f));
            }
        }
    }

    @Test
    void max2x2MatchesReferenceWithTiesNaNsAndSignedZeros() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] sizes = {{2, 2}, {3, 5}, {24, 24}, {7, 2}, {13, 17}, {4, 31}};
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f};
        for (int[] hw : sizes) {
            Window2d w = Window2d.of(hw[0], hw[1], 2, 2, 2, 2, 0, 0);
            assertThat(Pool2d.isPlain2x2(w)).isTrue();
            int planes = 3;
            float[] x = random(rng, planes * w.planeSize() + 1);
            for (int i = 0; i < x.length; i++) {
                int pick = rng.nextInt(8);
                if (pick < specials.length) {
                    x[i] = specials[pick]; // many ties, NaNs and both zeros
                }
            }
            int pq = w.outPlaneSize();
            float[] fast = new float[planes * pq + 1];
            float[] ref = new float[planes * pq + 1];
            int[] fastArg = new int[planes * pq + 2];
            int[] refArg = new int[planes * pq + 2];
            Pool2d.max2x2(w, planes, x, 1, fast, 1, fastArg, 2);
            Pool2d.maxReference(w, planes, x, 1, ref, 1, refArg, 2);
            for (int i = 0; i < ref.length; i++) {
                assertThat(Float.floatToRawIntBits(fast[i])).as("%s out %d", w, i).isEqualTo(Float.floatToRawIntBits(ref[i]));
            }
            assertThat(fastArg).as("%s argmax", w).isEqualTo(refArg);
            float[] noArg = new float[planes * pq + 1];
            Pool2d.max2x2(w, planes, x, 1, noArg, 1, null, 0);
            assertThat(noArg).usingElementComparator(Float::compare).isEqualTo(ref);
        }
    }

    @Test
    void maxReluBackwardIsReluBackwardAfterMaxBackwardBitForBit() {
        SplittableRandom rng = new SplittableRandom(12);
        float[] specials = {0f, -0f, Float.NaN, -1f, 0.5f};
        for (Window2d w : GEOMETRIES) {
            int planes = 3;
            int hw = w.planeSize();
            int pq = w.outPlaneSize();
            // rectified input (relu keeps NaN, makes -0 and negatives 0), with many ties and zeros
            float[] y = random(rng, planes * hw);
            for (int i = 0; i < y.length; i++) {
                int pick = rng.nextInt(10);
                float v = pick < specials.length ? specials[pick] : y[i];
                y[i] = Float.isNaN(v) ? v : Math.max(v, 0f) + 0f;
            }
            float[] out = new float[planes * pq];
            int[] arg = new int[planes * pq];
            Pool2d.maxForward(w, planes, y, 0, out, 0, arg, 0);
            float[] g = random(rng, planes * pq);
            g[0] = -0f;
            // the composition: max pooling's gradient, then relu's (kept where the rectified input is > 0)
            float[] want = new float[planes * hw];
            Pool2d.maxBackward(w, planes, g, 0, arg, 0, want, 0);
            for (int i = 0; i < want.length; i++) {
                want[i] = y[i] > 0f ? want[i] : 0f;
            }
            float[] got = new float[planes * hw + 2];
            Pool2d.maxReluBackward(w, planes, g, 0, arg, 0, out, 0, got, 2);
            for (int i = 0; i < want.length; i++) {
                assertThat(Float.floatToRawIntBits(got[2 + i])).as("%s element %d", w, i)
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
    }

    @Test
    void maxPropagatesNaN() {
        Window2d w = Window2d.of(2, 2, 2, 2, 2, 2, 0, 0);
        float[] out = new float[1];
        int[] arg = new int[1];
        Pool2d.maxForward(w, 1, new float[] {1f, Float.NaN, 3f, 2f}, 0, out, 0, arg, 0);
        assertThat(out[0]).isNaN();
        assertThat(arg[0]).isEqualTo(1);
    }

    @Test
    void avgForwardAndBackwardMatchDefinitionCountingPadding() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Window2d w : GEOMETRIES) {
            int planes = 2;
            float[] x = random(rng, planes * w.planeSize());
            int pq = w.outPlaneSize();
            float[] out = new float[planes * pq];
            Pool2d.avgForward(w, planes, x, 0, out, 0);
            float[] gOut = random(rng, planes * pq);
            float[] gIn = new float[x.length + 3];
            Pool2d.avgBackward(w, planes, gOut, 0, gIn, 3);
            double[] expectedGrad = new double[x.length];
            for (int pl = 0; pl < planes; pl++) {
                for (int p = 0; p < w.outHeight(); p++) {
                    for (int q = 0; q < w.outWidth(); q++) {
                        int o = (pl * w.outHeight() + p) * w.outWidth() + q;
                        double sum = 0;
                        for (int r = 0; r < w.kernelH(); r++) {
                            for (int s = 0; s < w.kernelW(); s++) {
                                int ih = p * w.strideH() - w.padH() + r * w.dilationH();
                                int iw = q * w.strideW() - w.padW() + s * w.dilationW();
                                if (ih >= 0 && ih < w.height() && iw >= 0 && iw < w.width()) {
                                    int idx = pl * w.planeSize() + ih * w.width() + iw;
                                    sum += x[idx];
                                    expectedGrad[idx] += gOut[o] / (double) w.kernelSize();
                                }
                            }
                        }
                        assertThat((double) out[o]).as("%s out %d", w, o).isCloseTo(sum / w.kernelSize(), within(1e-6));
                    }
                }
            }
            for (int i = 0; i < x.length; i++) {
                assertThat((double) gIn[3 + i]).as("%s grad %d", w, i).isCloseTo(expectedGrad[i], within(1e-6));
            }
        }
    }
}
