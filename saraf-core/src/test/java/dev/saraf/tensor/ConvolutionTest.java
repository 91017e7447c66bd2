package dev.saraf.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.GradCheck;
import dev.saraf.kernels.Parallel;
import dev.saraf.kernels.PatchGemm;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** conv2d beyond the op table: the batch-parallel paths against the direct loops, determinism, errors. */
class ConvolutionTest {

    @Test
    void imagesWorkedBandByBandGiveTheReferenceValuesAndGradients() throws Exception {
        // 144 x 38 columns per output row: three bands of output rows (8, 8, 2) per image
        SplittableRandom rng = new SplittableRandom(8);
        int[] s = {1, 1};
        int[] p = {0, 0};
        int[] d = {1, 1};
        for (int threads : new int[] {1, 2}) {
            Tensor x = TestTensors.random(rng, 2, 32, 20, 40).requiresGrad(true);
            Tensor w = TestTensors.random(rng, 8, 16, 3, 3).requiresGrad(true);
            Tensor b = TestTensors.random(rng, 8).requiresGrad(true);
            Tensor y = Parallel.withThreads(threads, () -> x.conv2d(w, b, s, p, d, 2));
            LinearAlgebraTest.assertClose(y, ConvolutionCases.reference(x, w, b, s, p, d, 2), 1e-4);
            Tensor g = TestTensors.random(rng, y.dims());
            Parallel.withThreads(threads, () -> y.backward(g));
            checkGradientByReference(x, w, b, g, s, p, d);
        }
    }

    @Test
    void aSingleLargeImageSplitOverThreadsGivesTheSameResultAsOneThread() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        // big enough (10.6 M multiply-adds) that the threads split the image's columns
        Tensor x = TestTensors.random(rng, 1, 32, 26, 26);
        Tensor w = TestTensors.random(rng, 64, 32, 3, 3);
        Tensor b = TestTensors.random(rng, 64);
        int[] one = {1, 1};
        int[] zero = {0, 0};
        Tensor single = Parallel.withThreads(1, () -> Convolution.conv2dRelu(x, w, b, one, zero, one, 1));
        for (int threads : new int[] {2, 3}) {
            Tensor split = Parallel.withThreads(threads, () -> Convolution.conv2dRelu(x, w, b, one, zero, one, 1));
            assertThat(split.data()).as("threads %d", threads).isEqualTo(single.data());
        }
        float[] want = ConvolutionCases.reference(x, w, b, one, zero, one, 1).data();
        for (int i = 0; i < want.length; i++) {
            want[i] = Math.max(want[i], 0f);
        }
        LinearAlgebraTest.assertClose(single, Tensor.wrap(want, single.dims()), 1e-4);
    }

    @Test
    void fusedReluGivesBitIdenticalValuesAndGradientsToConvThenRelu() throws Exception {
        SplittableRandom rng = new SplittableRandom(33);
        int[][] xShapes = {{1, 3, 8, 9}, {5, 4, 9, 10}, {7, 2, 6, 5}};
        for (int[] xs : xShapes) {
            for (int threads : new int[] {1, 2, 3}) {
                for (boolean withBias : new boolean[] {true, false}) {
                    int groups = xs[1] % 2 == 0 ? 2 : 1;
                    Tensor x = TestTensors.random(rng, xs);
                    Tensor w = TestTensors.random(rng, 6, xs[1] / groups, 3, 2);
                    Tensor b = withBias ? TestTensors.random(rng, 6) : null;
                    int[] s = {1, 2};
                    int[] p = {1, 0};
                    int[] d = {1, 1};
                    Tensor[] fused = run(threads, x, w, b, (xv, wv, bv) -> Convolution.conv2dRelu(xv, wv, bv, s, p, d, groups));
                    Tensor[] plain = run(threads, x, w, b, (xv, wv, bv) -> xv.conv2d(wv, bv, s, p, d, groups).relu());
                    assertSameBits(fused, plain, "x" + java.util.Arrays.toString(xs) + " threads " + threads);
                }
            }
        }
    }

    @Test
    void fusedReluMaxPoolGivesBitIdenticalValuesAndGradientsToTheThreeOps() throws Exception {
        SplittableRandom rng = new SplittableRandom(34);
        // input, weight, pooling kernel, stride, padding: W-CNN's 2x2 (the vector path), windows
        // that overlap or run into padding, a 1x1 convolution, a batch of one large image (its rows
        // split over the threads) and a batch smaller than the thread count
        int[][][] cases = {
            {{5, 4, 9, 10}, {6, 4, 3, 3}, {2, 2}, {2, 2}, {0, 0}},
            {{7, 2, 8, 7}, {4, 2, 2, 2}, {3, 3}, {2, 2}, {1, 1}},
            {{3, 4, 6, 9}, {6, 2, 1, 1}, {2, 3}, {1, 2}, {0, 1}},
            {{1, 32, 26, 26}, {64, 32, 3, 3}, {2, 2}, {2, 2}, {0, 0}},
            {{2, 3, 12, 12}, {4, 3, 3, 3}, {3, 3}, {3, 3}, {0, 0}},
        };
        int[] s = {1, 1};
        int[] d = {1, 1};
        for (int[][] c : cases) {
            int groups = c[0][1] / c[1][1];
            int[] p = c[1][2] == 1 ? new int[] {0, 0} : new int[] {1, 0};
            assertFusedPoolingMatchesTheThreeOps(rng, c[0], c[1], s, p, d, groups, c[2], c[3], c[4]);
        }
    }

    @Test
    void channelsLastReluMaxPoolMatchesTheThreeOpsWithStridesPaddingAndDilation() throws Exception {
        SplittableRandom rng = new SplittableRandom(36);
        // input, weight, stride, padding, dilation: shapes that take the channels-last path
        // (PatchGemm.applies), with pixel rows that split micro-panels (15, 19, 28 wide), channel
        // counts that are not whole column panels, and batches of one and of several images
        int[][][] cases = {
            {{2, 8, 15, 29}, {40, 8, 3, 3}, {1, 2}, {0, 1}, {1, 1}},
            {{1, 16, 20, 21}, {33, 16, 3, 3}, {1, 1}, {1, 1}, {2, 2}},
            {{3, 6, 12, 30}, {64, 6, 3, 3}, {1, 1}, {0, 0}, {1, 1}},
        };
        int[] two = {2, 2};
        int[] none = {0, 0};
        for (int[][] c : cases) {
            int q = (c[0][3] + 2 * c[3][1] - c[4][1] * (c[1][3] - 1) - 1) / c[2][1] + 1;
            assertThat(PatchGemm.applies(c[1][0], c[1][1] * c[1][2] * c[1][3], q)).as("case %s", Arrays.toString(c[0]))
                    .isTrue();
            assertFusedPoolingMatchesTheThreeOps(rng, c[0], c[1], c[2], c[3], c[4], 1, two, two, none);
        }
    }

    /**
     * The fused convolution + relu + max pooling against the three ops one after the other, bit
     * for bit, values and gradients, on 1 to 3 threads, with and without a bias.
     */
    private static void assertFusedPoolingMatchesTheThreeOps(SplittableRandom rng, int[] xDims, int[] wDims,
                                                             int[] stride, int[] padding, int[] dilation, int groups,
                                                             int[] poolKernel, int[] poolStride, int[] poolPadding)
            throws Exception {
        for (int threads : new int[] {1, 2, 3}) {
            for (boolean withBias : new boolean[] {true, false}) {
                Tensor x = TestTensors.random(rng, xDims);
                Tensor w = TestTensors.random(rng, wDims);
                Tensor b = withBias ? TestTensors.random(rng, wDims[0]) : null;
                Tensor[] fused = run(threads, x, w, b, (xv, wv, bv) -> Convolution.conv2dReluMaxPool(xv, wv, bv, stride,
                        padding, dilation, groups, poolKernel, poolStride, poolPadding));
                Tensor[] plain = run(threads, x, w, b, (xv, wv, bv) -> xv.conv2d(wv, bv, stride, padding, dilation, groups)
                        .relu().maxPool2d(poolKernel, poolStride, poolPadding));
                assertSameBits(fused, plain, "x" + Arrays.toString(xDims) + " threads " + threads + " bias " + withBias);
            }
        }
    }

    @Test
    void fusedReluMaxPoolKeepsNoArgmaxWithoutGradientsAndChecksThePoolingWindow() {
        SplittableRandom rng = new SplittableRandom(35);
        Tensor x = TestTensors.random(rng, 2, 3, 6, 6);
        Tensor w = TestTensors.random(rng, 4, 3, 3, 3);
        int[] one = {1, 1};
        int[] zero = {0, 0};
        Tensor y = Convolution.conv2dReluMaxPool(x, w, null, one, zero, one, 1, new int[] {2, 2}, new int[] {2, 2}, zero);
        assertThat(y.dims()).containsExactly(2, 4, 2, 2);
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.data()).isEqualTo(x.conv2d(w, null, one, zero, one, 1).relu().maxPool2d(new int[] {2, 2},
                new int[] {2, 2}, zero).data());
        // the convolution's output is 4 x 4: a 5 x 5 window does not fit
        assertThatThrownBy(() -> Convolution.conv2dReluMaxPool(x, w, null, one, zero, one, 1, new int[] {5, 5},
                new int[] {1, 1}, zero))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPool2d").hasMessageContaining("[2, 4, 4, 4]");
    }

    /** A convolution with what follows it, as one fused op or as the ops one after the other. */
    @FunctionalInterface
    private interface ConvOp {
        Tensor apply(Tensor x, Tensor w, Tensor b);
    }

    /** Output, dx, dw, db of {@code op} on copies of the operands, back from a fixed upstream gradient. */
    private static Tensor[] run(int threads, Tensor x0, Tensor w0, Tensor b0, ConvOp op) throws Exception {
        Tensor x = x0.copy().requiresGrad(true);
        Tensor w = w0.copy().requiresGrad(true);
        Tensor b = b0 == null ? null : b0.copy().requiresGrad(true);
        Tensor y = Parallel.withThreads(threads, () -> op.apply(x, w, b));
        float[] g = new float[y.numel()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) Math.sin(i * 0.37);
        }
        Parallel.withThreads(threads, () -> y.backward(Tensor.wrap(g, y.dims())));
        return new Tensor[] {y, x.grad(), w.grad(), b == null ? null : b.grad()};
    }

    /** The outputs and gradients of two runs, bit for bit (a missing gradient on both sides). */
    private static void assertSameBits(Tensor[] fused, Tensor[] plain, String what) {
        for (int i = 0; i < fused.length; i++) {
            if (fused[i] == null) {
                assertThat(plain[i]).as("output/grad %d of %s", i, what).isNull();
                continue;
            }
            assertThat(fused[i].data()).as("output/grad %d of %s", i, what).isEqualTo(plain[i].data());
        }
    }

    @Test
    void batchParallelForwardAndBackwardMatchDirectLoops() throws Exception {
        SplittableRandom rng = new SplittableRandom(21);
        int[] s = {2, 1};
        int[] p = {1, 2};
        int[] d = {1, 2};
        for (int threads : new int[] {1, 2, 3}) {
            Tensor x = TestTensors.random(rng, 5, 4, 9, 10).requiresGrad(true);
            Tensor w = TestTensors.random(rng, 6, 2, 3, 3).requiresGrad(true);
            Tensor b = TestTensors.random(rng, 6).requiresGrad(true);
            Tensor y = Parallel.withThreads(threads, () -> x.conv2d(w, b, s, p, d, 2));
            LinearAlgebraTest.assertClose(y, ConvolutionCases.reference(x, w, b, s, p, d, 2), 1e-4);
            Tensor g = TestTensors.random(rng, y.dims());
            Parallel.withThreads(threads, () -> y.backward(g));
            // adjoint identity: <dy, conv(x + e_i)> - <dy, conv(x)> is linear, so check gradients with
            // the reference's own linearity: dL/dx_i = <g, conv(e_i, w)>, dL/dw_j = <g, conv(x, e_j)>
            checkGradientByReference(x, w, b, g, s, p, d);
        }
    }

    private static void checkGradientByReference(Tensor x, Tensor w, Tensor b, Tensor g, int[] s, int[] p, int[] d) {
        float[] xv = x.data();
        float[] wv = w.data();
        SplittableRandom pick = new SplittableRandom(5);
        for (int probe = 0; probe < 40; probe++) {
            int i = pick.nextInt(xv.length);
            float saved = xv[i];
            xv[i] = saved + 1f;
            double plus = dot(g, ConvolutionCases.reference(x, w, b, s, p, d, 2));
            xv[i] = saved;
            double base = dot(g, ConvolutionCases.reference(x, w, b, s, p, d, 2));
            assertThat((double) x.grad().data()[i]).as("dx[%d]", i).isCloseTo(plus - base, org.assertj.core.data.Offset.offset(1e-3));
            int j = pick.nextInt(wv.length);
            saved = wv[j];
            wv[j] = saved + 1f;
            plus = dot(g, ConvolutionCases.reference(x, w, b, s, p, d, 2));
            wv[j] = saved;
            assertThat((double) w.grad().data()[j]).as("dw[%d]", j).isCloseTo(plus - base, org.assertj.core.data.Offset.offset(1e-3));
        }
        for (int c = 0; c < b.numel(); c++) {
            double sum = 0;
            int pq = g.size(2) * g.size(3);
            for (int n = 0; n < g.size(0); n++) {
                for (int i = 0; i < pq; i++) {
                    sum += g.data()[(n * g.size(1) + c) * pq + i];
                }
            }
            assertThat((double) b.grad().data()[c]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.numel(); i++) {
            s += (double) a.data()[i] * b.data()[i];
        }
        return s;
    }

    @Test
    void smallNetworkGradientMatchesFiniteDifferences() {
        // pad -> conv -> tanh -> avg pool -> permute -> reshape -> matmul: the ops compose through the tape
        SplittableRandom rng = new SplittableRandom(41);
        Tensor x = TestTensors.random(rng, 2, 2, 6, 6).requiresGrad(true);
        Tensor w1 = TestTensors.uniform(rng, -0.5f, 0.5f, 3, 2, 3, 3).requiresGrad(true);
        Tensor b1 = TestTensors.random(rng, 3).requiresGrad(true);
        Tensor w2 = TestTensors.random(rng, 27, 4).requiresGrad(true);
        int[] one = {1, 1};
        GradCheck.check(t -> t[0].pad(new int[] {1, 1, 1, 1}, 0f)
                        .conv2d(t[1], t[2], one, new int[] {0, 0}, one, 1)
                        .tanh()
                        .avgPool2d(new int[] {2, 2}, null, new int[] {0, 0})
                        .permute(0, 2, 3, 1)
                        .reshape(2, -1)
                        .matmul(t[3]),
                new Tensor[] {x, w1, b1, w2}, 1e-2, 1e-2, 1e-2).assertPassed();
    }

    @Test
    void sameThreadCountGivesBitIdenticalGradients() throws Exception {
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            SplittableRandom rng = new SplittableRandom(3);
            Tensor x = TestTensors.random(rng, 7, 3, 8, 8);
            Tensor w = TestTensors.random(rng, 4, 3, 3, 3).requiresGrad(true);
            Tensor g = TestTensors.random(rng, 7, 4, 8, 8);
            Parallel.withThreads(2, () -> x.conv2d(w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1).backward(g));
            runs[run] = w.grad().data();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(1, 3, 5, 5);
        int[] one = {1, 1};
        int[] zero = {0, 0};
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(4, 2, 3, 3), null, one, zero, one, 1))
                .hasMessageContaining("conv2d").hasMessageContaining("[1, 3, 5, 5]").hasMessageContaining("[4, 2, 3, 3]")
                .hasMessageContaining("3 channels");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(4, 3, 7, 3), null, one, zero, one, 1))
                .hasMessageContaining("conv2d").hasMessageContaining("larger than the padded input").hasMessageContaining("[4, 3, 7, 3]");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(4, 1, 3, 3), null, one, zero, one, 2))
                .hasMessageContaining("groups 2");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), one, zero, one, 1))
                .hasMessageContaining("bias shape [3]");
        assertThatThrownBy(() -> x.conv2d(Tensor.zeros(4, 3, 3, 3), null, new int[] {0, 1}, zero, one, 1))
                .hasMessageContaining("stride");
        assertThatThrownBy(() -> Tensor.zeros(3, 5, 5).conv2d(Tensor.zeros(4, 3, 3, 3), null, one, zero, one, 1))
                .hasMessageContaining("[N, C, H, W]").hasMessageContaining("[3, 5, 5]");
    }
}
