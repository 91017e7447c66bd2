package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryKernelsTest {
    private static final BinaryOp[] VECTOR_OPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX, BinaryOp.MIN};

    @Test
    void vectorKernelsMatchReferenceOnAwkwardLengths() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : KernelTestData.LENGTHS) {
            if (n > 100_003) {
                continue;
            }
            float[] a = KernelTestData.uniform(rng, n + 3, -3f, 3f);
            float[] b = KernelTestData.uniform(rng, n + 5, -3f, 3f);
            if (n > 4) {
                a[4] = Float.NaN;
                b[2] = 0f;
            }
            for (BinaryOp op : VECTOR_OPS) {
                float[] want = new float[n + 1];
                float[] got = new float[n + 1];
                BinaryReference.vv(op, a, 3, b, 5, want, 1, n);
                BinaryVector.vv(op, a, 3, b, 5, got, 1, n);
                KernelTestData.assertSame(want, got, op + " vv n=" + n);
                BinaryReference.vs(op, a, 2, 1.7f, want, 0, n);
                BinaryVector.vs(op, a, 2, 1.7f, got, 0, n);
                KernelTestData.assertSame(want, got, op + " vs n=" + n);
                BinaryReference.sv(op, -0.3f, b, 1, want, 1, n);
                BinaryVector.sv(op, -0.3f, b, 1, got, 1, n);
                KernelTestData.assertSame(want, got, op + " sv n=" + n);
            }
        }
    }

    @Test
    void publicKernelsMatchReferenceWhenParallel() throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 1_000_003;
        float[] a = KernelTestData.uniform(rng, n, -3f, 3f);
        float[] b = KernelTestData.uniform(rng, n, -3f, 3f);
        for (BinaryOp op : BinaryOp.values()) {
            float[] want = new float[n];
            BinaryReference.vv(op, a, 0, b, 0, want, 0, n);
            float[] got = new float[n];
            Parallel.withThreads(2, () -> BinaryKernels.apply(op, a, 0, b, 0, got, 0, n));
            KernelTestData.assertSame(want, got, op + " apply");
            BinaryReference.sv(op, 0.5f, b, 0, want, 0, n);
            Parallel.withThreads(2, () -> BinaryKernels.applyScalarLeft(op, 0.5f, b, 0, got, 0, n));
            KernelTestData.assertSame(want, got, op + " applyScalarLeft");
            BinaryReference.vs(op, a, 0, 0.5f, want, 0, n);
            Parallel.withThreads(2, () -> BinaryKernels.applyScalar(op, a, 0, 0.5f, got, 0, n));
            KernelTestData.assertSame(want, got, op + " applyScalar");
        }
    }

    /** {dims, aDims, bDims}: each operand aligned to the right of dims, as NumPy broadcasts. */
    private static final int[][][] BROADCASTS = {
        {{5, 7}, {5, 7}, {7}},
        {{4, 3, 5, 6}, {4, 3, 5, 6}, {1, 3, 1, 1}},
        {{4, 3, 5}, {4, 1, 5}, {3, 1}},
        {{6, 9}, {6, 1}, {1, 9}},
        {{9}, {}, {9}},
        {{}, {}, {}},
        {{2, 1, 3}, {2, 1, 3}, {1}},
        {{3, 0, 4}, {3, 0, 4}, {4}},
        {{301, 257}, {301, 1}, {257}},
        {{260, 3, 129}, {260, 3, 129}, {3, 1}},
    };

    @Test
    void broadcastMatchesIndexLoop() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[][] c : BROADCASTS) {
            int[] dims = c[0];
            int[] as = strides(c[1], dims);
            int[] bs = strides(c[2], dims);
            float[] a = KernelTestData.uniform(rng, numel(c[1]) + 2, -2f, 2f);
            float[] b = KernelTestData.uniform(rng, numel(c[2]), -2f, 2f);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.SUB, BinaryOp.DIV, BinaryOp.MUL, BinaryOp.LT, BinaryOp.POW}) {
                int n = numel(dims);
                float[] want = new float[n];
                int[] idx = new int[dims.length];
                for (int i = 0; i < n; i++) {
                    int ai = 2;
                    int bi = 0;
                    for (int d = 0; d < dims.length; d++) {
                        ai += idx[d] * as[d];
                        bi += idx[d] * bs[d];
                    }
                    want[i] = op.apply(a[ai], b[bi]);
                    for (int d = dims.length - 1; d >= 0 && ++idx[d] == dims[d]; d--) {
                        idx[d] = 0;
                    }
                }
                for (int threads : new int[] {1, 2}) {
                    float[] got = new float[n];
                    Parallel.withThreads(threads, () -> BinaryKernels.broadcast(op, dims, a, 2, as, b, 0, bs, got, 0));
                    KernelTestData.assertSame(want, got, op + " broadcast " + java.util.Arrays.toString(dims) + " threads " + threads);
                }
            }
        }
    }

    @Test
    void broadcastRejectsMismatchedStrides() {
        assertThatThrownBy(() -> BinaryKernels.broadcast(BinaryOp.ADD, new int[] {2, 3}, new float[6], 0, new int[] {3, 1},
                new float[3], 0, new int[] {1}, new float[6], 0)).hasMessageContaining("strides");
    }

    static int[] strides(int[] operand, int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = operand.length - 1, d = dims.length - 1; i >= 0; i--, d--) {
            s[d] = operand[i] == 1 ? 0 : acc;
            acc *= operand[i];
        }
        return s;
    }

    static int numel(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
