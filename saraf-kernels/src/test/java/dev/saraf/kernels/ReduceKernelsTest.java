package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReduceKernelsTest {

    @Test
    void vectorBlockMatchesReferenceOnAwkwardLengths() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n : KernelTestData.LENGTHS) {
            float[] x = KernelTestData.uniform(rng, n + 3, -5f, 5f);
            double abs = 0;
            for (int i = 3; i < n + 3; i++) {
                abs += Math.abs(x[i]);
            }
            float ref = ReduceReference.block(ReduceOp.SUM, x, 3, n);
            float vec = ReduceVector.block(ReduceOp.SUM, x, 3, n);
            assertThat((double) Math.abs(ref - vec)).as("sum n=%d", n).isLessThanOrEqualTo(1e-6 * abs + 1e-30);
            assertThat(ReduceVector.block(ReduceOp.MAX, x, 3, n)).as("max n=%d", n).isEqualTo(ReduceReference.block(ReduceOp.MAX, x, 3, n));
            assertThat(ReduceVector.block(ReduceOp.MIN, x, 3, n)).as("min n=%d", n).isEqualTo(ReduceReference.block(ReduceOp.MIN, x, 3, n));
        }
    }

    @Test
    void maxAndMinPropagateNaN() {
        for (int n : new int[] {1, 7, 9, 33, 5000}) {
            float[] x = KernelTestData.uniform(new SplittableRandom(n), n, -1f, 1f);
            x[n / 2] = Float.NaN;
            assertThat(ReduceKernels.max(x, 0, n)).isNaN();
            assertThat(ReduceKernels.min(x, 0, n)).isNaN();
        }
    }

    @Test
    void longSumIsAccurate() {
        // 0.1f * n summed left to right in float is off by ~1e-3 relative at n = 1e7; pairwise is not
        int n = 10_000_019;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 0.1f);
        double exact = (double) 0.1f * n;
        float s = ReduceKernels.sum(x, 0, n);
        assertThat(Math.abs(s - exact) / exact).isLessThan(1e-6);
    }

    @Test
    void reduceOverMiddleAxisMatchesDoubleLoops() throws Exception {
        SplittableRandom rng = new SplittableRandom(8);
        int[][] shapes = {{1, 1, 1}, {1, 7, 1}, {3, 1, 5}, {5, 17, 1}, {1, 300, 9}, {2, 129, 33}, {7, 1000, 1}, {1, 1003, 131},
            {3, 0, 4}, {2, 60000, 7}, {1, 1, 1_000_003}, {1, 1_000_003, 1}, {1, 20000, 40}};
        for (int[] s : shapes) {
            int o = s[0];
            int r = s[1];
            int k = s[2];
            float[] x = KernelTestData.uniform(rng, o * r * k, -3f, 3f);
            for (ReduceOp op : ReduceOp.values()) {
                float[] want = new float[o * k];
                double[] absSum = new double[o * k];
                for (int i = 0; i < o; i++) {
                    for (int c = 0; c < k; c++) {
                        double acc = op == ReduceOp.SUM ? 0 : op.identity();
                        for (int j = 0; j < r; j++) {
                            float v = x[(i * r + j) * k + c];
                            acc = op == ReduceOp.SUM ? acc + v : op.combine((float) acc, v);
                            absSum[i * k + c] += Math.abs(v);
                        }
                        want[i * k + c] = (float) acc;
                    }
                }
                float[] one = new float[o * k];
                float[] two = new float[o * k];
                Parallel.withThreads(1, () -> ReduceKernels.reduce(op, x, 0, o, r, k, one, 0));
                Parallel.withThreads(2, () -> ReduceKernels.reduce(op, x, 0, o, r, k, two, 0));
                KernelTestData.assertSame(one, two, op + " threads " + java.util.Arrays.toString(s));
                for (int i = 0; i < want.length; i++) {
                    double tol = op == ReduceOp.SUM ? 2e-6 * absSum[i] + 1e-6 : 0;
                    if (Float.compare(want[i], one[i]) != 0 && !(Math.abs(want[i] - one[i]) <= tol)) {
                        throw new AssertionError(op + " " + java.util.Arrays.toString(s) + " element " + i + ": " + one[i]
                                + ", expected " + want[i]);
                    }
                }
            }
        }
    }
}
