package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MapKernelsTest {

    @Test
    void vectorExpIsWithinOneMillionthOfMathExp() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int n : KernelTestData.LENGTHS) {
            float[] x = KernelTestData.uniform(rng, n + 1, -90f, 90f);
            float[] want = new float[n];
            float[] got = new float[n];
            MapReference.exp(x, 1, 0f, want, 0, n);
            MapVector.exp(x, 1, 0f, got, 0, n);
            KernelTestData.assertClose(want, got, 1e-6, 0, "exp n=" + n);
        }
    }

    @Test
    void vectorExpHandlesEdgesInEveryLane() {
        float[] specials = {0f, -0f, 1f, -1f, 88.3f, 88.5f, 88.72f, 89f, 1e4f, -87.3f, -87.5f, -100f, -104f, -1e4f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-8f, -1e-8f, 0.34657359f, -0.34657359f,
            20.5f, -20.5f, 44.36f, 3f, 5f, 7f, 11f, 13f, 17f, 19f, 23f};
        float[] want = new float[specials.length];
        float[] got = new float[specials.length];
        MapReference.exp(specials, 0, 0f, want, 0, specials.length);
        MapVector.exp(specials, 0, 0f, got, 0, specials.length);
        KernelTestData.assertClose(want, got, 1e-6, 0, "exp specials");
        assertThat(got[8]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(got[13]).isEqualTo(0f);
        assertThat(got[14]).isNaN();
        // the shifted form used by softmax
        MapVector.exp(specials, 0, 1e4f, got, 0, specials.length);
        assertThat(got[8]).isEqualTo(1f);
    }

    @Test
    void vectorExpOfUnderflowingLanesIsExactlyZero() {
        // a confident softmax row: one lane at 0, the rest far below; the vector path must give 0, not NaN
        float[] x = {0f, -1e4f, -200f, -104.5f, -103f, -90f, -2e4f, -300f, -1f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -1e4f, -105f};
        float[] want = new float[x.length];
        float[] got = new float[x.length];
        MapReference.exp(x, 0, 0f, want, 0, x.length);
        MapVector.exp(x, 0, 0f, got, 0, x.length);
        KernelTestData.assertClose(want, got, 1e-6, 0, "exp underflow");
        assertThat(got[1]).isEqualTo(0f);
        assertThat(got[4]).isGreaterThan(0f);
    }

    @Test
    void expDenseSweepStaysWithinTolerance() {
        int n = 200_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -110f + 200f * i / (n - 1);
        }
        float[] want = new float[n];
        float[] got = new float[n];
        MapReference.exp(x, 0, 0f, want, 0, n);
        MapVector.exp(x, 0, 0f, got, 0, n);
        KernelTestData.assertClose(want, got, 1e-6, 0, "exp sweep");
    }

    @Test
    void sigmoidReluAndSimpleMapsMatchReference() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : KernelTestData.LENGTHS) {
            float[] x = KernelTestData.uniform(rng, n + 2, -200f, 200f);
            float[] g = KernelTestData.uniform(rng, n, -1f, 1f);
            if (n > 3) {
                x[3] = Float.NaN;
                x[2] = 0f;
            }
            float[] want = new float[n];
            float[] got = new float[n];
            MapReference.sigmoid(x, 2, want, 0, n);
            MapVector.sigmoid(x, 2, got, 0, n);
            KernelTestData.assertClose(want, got, 1e-6, 1e-7, "sigmoid n=" + n);
            MapReference.relu(x, 2, want, 0, n);
            MapVector.relu(x, 2, got, 0, n);
            KernelTestData.assertSame(want, got, "relu n=" + n);
            MapReference.reluBackward(x, 1, g, 0, want, 0, n);
            MapVector.reluBackward(x, 1, g, 0, got, 0, n);
            KernelTestData.assertSame(want, got, "reluBackward n=" + n);
            MapReference.neg(x, 1, want, 0, n);
            MapVector.neg(x, 1, got, 0, n);
            KernelTestData.assertSame(want, got, "neg n=" + n);
            MapReference.abs(x, 1, want, 0, n);
            MapVector.abs(x, 1, got, 0, n);
            KernelTestData.assertSame(want, got, "abs n=" + n);
            MapReference.sqrt(x, 1, want, 0, n);
            MapVector.sqrt(x, 1, got, 0, n);
            KernelTestData.assertSame(want, got, "sqrt n=" + n);
            MapReference.mulAdd(x, 1, 0.37f, -1.5f, want, 0, n);
            MapVector.mulAdd(x, 1, 0.37f, -1.5f, got, 0, n);
            KernelTestData.assertSame(want, got, "mulAdd n=" + n);
            float[] y1 = g.clone();
            float[] y2 = g.clone();
            MapReference.axpy(-0.7f, x, 2, y1, 0, n);
            MapVector.axpy(-0.7f, x, 2, y2, 0, n);
            KernelTestData.assertSame(y1, y2, "axpy n=" + n);
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        float[] x = {-1e4f, -100f, -88f, 88f, 100f, 1e4f, 0f, -0f};
        float[] out = new float[x.length];
        MapVector.sigmoid(x, 0, out, 0, x.length);
        assertThat(out).containsExactly(0f, (float) (1 / (1 + Math.exp(100))), (float) (1 / (1 + Math.exp(88))), 1f, 1f, 1f, 0.5f, 0.5f);
    }

    @Test
    void parallelDispatchGivesTheSameBitsForOneAndTwoThreads() throws Exception {
        float[] x = KernelTestData.uniform(new SplittableRandom(6), 1_000_003, -10f, 10f);
        float[] one = new float[x.length];
        float[] two = new float[x.length];
        Parallel.withThreads(1, () -> MapKernels.exp(x, 0, 0f, one, 0, x.length));
        Parallel.withThreads(2, () -> MapKernels.exp(x, 0, 0f, two, 0, x.length));
        KernelTestData.assertSame(one, two, "exp threads");
        float[] want = new float[x.length];
        MapReference.exp(x, 0, 0f, want, 0, x.length);
        KernelTestData.assertClose(want, two, 1e-6, 0, "exp dispatch");
    }

    @Test
    void addRowsMatchesAddingTheBiasThenRectifyingOnEveryShapeAndThreadCount() throws Exception {
        SplittableRandom rng = new SplittableRandom(12);
        float[] specials = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -1e-40f};
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {5, 8}, {2, 17}, {130, 33}, {1000, 256}, {7, 1}, {64, 300}}) {
            int m = shape[0];
            int n = shape[1];
            float[] y0 = KernelTestData.uniform(rng, m * n + 3, -2f, 2f);
            float[] b = KernelTestData.uniform(rng, n + 2, -2f, 2f);
            for (int i = 0; i < specials.length && i < m * n; i++) {
                y0[3 + rng.nextInt(m * n)] = specials[i];
            }
            for (boolean relu : new boolean[] {false, true}) {
                float[] want = y0.clone();
                for (int r = 0; r < m; r++) {
                    for (int j = 0; j < n; j++) {
                        float v = want[3 + r * n + j] + b[2 + j];
                        want[3 + r * n + j] = relu ? (v > 0f ? v : (v == v ? 0f : v)) : v;
                    }
                }
                for (int threads = 1; threads <= 3; threads++) {
                    float[] got = y0.clone();
                    Parallel.withThreads(threads, () -> MapKernels.addRows(got, 3, m, n, b, 2, relu));
                    assertThat(got).as("m=%d n=%d relu=%s threads=%d", m, n, relu, threads).isEqualTo(want);
                }
                float[] scalar = y0.clone();
                for (int r = 0; r < m; r++) {
                    MapReference.addRow(scalar, 3 + r * n, b, 2, n, relu);
                }
                assertThat(scalar).isEqualTo(want);
            }
        }
    }

    @Test
    void bytesToFloatMatchesTheScalarDivisionForEveryByteAndLength() {
        byte[] all = new byte[256 + 37];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 73 + 11);
        }
        for (int n : new int[] {0, 1, 7, 8, 9, 31, 256, 256 + 35}) {
            float[] want = new float[n + 1];
            float[] got = new float[n + 1];
            MapReference.bytesToFloat(all, 2, 255f, want, 1, n);
            MapVector.bytesToFloat(all, 2, 255f, got, 1, n);
            KernelTestData.assertSame(want, got, "bytesToFloat n=" + n);
        }
        float[] out = new float[256];
        byte[] ramp = new byte[256];
        for (int v = 0; v < 256; v++) {
            ramp[v] = (byte) v;
        }
        MapKernels.bytesToFloat(ramp, 0, 255f, out, 0, 256);
        for (int v = 0; v < 256; v++) {
            assertThat(out[v]).as("byte %d", v).isEqualTo(v / 255f);
        }
    }
}
