package dev.saraf.tensor;

import static dev.saraf.tensor.TestTensors.random;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of the shared op table for the LinearAlgebra ops (see {@link DifferentiableOpsTest}). */
final class LinearAlgebraCases {
    private LinearAlgebraCases() {}

    static List<OpCase> cases() {
        List<OpCase> c = new ArrayList<>();
        c.add(matmul(new int[] {7}, new int[] {7}));
        c.add(matmul(new int[] {3, 5}, new int[] {5, 2}));
        c.add(matmul(new int[] {1, 1}, new int[] {1, 1}));
        c.add(matmul(new int[] {4, 13}, new int[] {13, 1}));
        c.add(matmul(new int[] {5}, new int[] {5, 3}));
        c.add(matmul(new int[] {3, 5}, new int[] {5}));
        c.add(matmul(new int[] {2, 3, 4}, new int[] {2, 4, 5}));
        c.add(matmul(new int[] {2, 1, 3, 4}, new int[] {3, 4, 2}));
        c.add(matmul(new int[] {3, 4}, new int[] {2, 4, 5}));
        c.add(matmul(new int[] {2, 3, 4}, new int[] {4, 5}));
        c.add(matmul(new int[] {3, 1, 2, 5}, new int[] {5, 3}));
        c.add(matmul(new int[] {7}, new int[] {2, 7, 3}));
        c.add(matmul(new int[] {2, 3, 7}, new int[] {7}));
        c.add(matmul(new int[] {1, 2, 3}, new int[] {3, 1, 3, 2}));
        return c;
    }

    private static OpCase matmul(int[] a, int[] b) {
        String name = "matmul " + Arrays.toString(a) + "x" + Arrays.toString(b);
        return OpCase.of(name, rng -> new Tensor[] {random(rng, a), random(rng, b)}, t -> t[0].matmul(t[1]),
                t -> reference(t[0], t[1])).withForwardTol(1e-5);
    }

    /** NumPy matmul by the definition: promote vectors, broadcast batch axes, triple loop in double. */
    static Tensor reference(Tensor x, Tensor y) {
        int[] a = x.dims();
        int[] b = y.dims();
        boolean aVec = a.length == 1;
        boolean bVec = b.length == 1;
        int[] pa = aVec ? new int[] {1, a[0]} : a;
        int[] pb = bVec ? new int[] {b[0], 1} : b;
        int m = pa[pa.length - 2];
        int k = pa[pa.length - 1];
        int n = pb[pb.length - 1];
        int r = Math.max(pa.length, pb.length) - 2;
        int[] ab = new int[r];
        int[] bb = new int[r];
        int[] batch = new int[r];
        for (int i = 0; i < r; i++) {
            int ia = i - (r - (pa.length - 2));
            int ib = i - (r - (pb.length - 2));
            ab[i] = ia >= 0 ? pa[ia] : 1;
            bb[i] = ib >= 0 ? pb[ib] : 1;
            batch[i] = Math.max(ab[i], bb[i]);
        }
        int nb = 1;
        for (int d : batch) {
            nb *= d;
        }
        float[] out = new float[nb * m * n];
        int[] idx = new int[r];
        int[] ia = new int[r];
        int[] ib = new int[r];
        for (int t = 0; t < nb; t++) {
            MovementCases.unflatten(t, batch, idx);
            for (int i = 0; i < r; i++) {
                ia[i] = ab[i] == 1 ? 0 : idx[i];
                ib[i] = bb[i] == 1 ? 0 : idx[i];
            }
            int aOff = TestTensors.flat(ab, ia) * m * k;
            int bOff = TestTensors.flat(bb, ib) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) x.data()[aOff + i * k + p] * y.data()[bOff + p * n + j];
                    }
                    out[(t * m + i) * n + j] = (float) s;
                }
            }
        }
        int[] dims = Arrays.copyOf(batch, r + (aVec ? 0 : 1) + (bVec ? 0 : 1));
        if (!aVec) {
            dims[r] = m;
        }
        if (!bVec) {
            dims[dims.length - 1] = n;
        }
        return Tensor.wrap(out, dims);
    }
}
