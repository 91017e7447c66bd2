package dev.saraf.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Plain-loop references for the elementwise, activation and reduction tests: multi-index loops
 * over {@code data()} in double precision that never call a tensor op, with their own broadcasting.
 */
final class PlainLoops {
    private PlainLoops() {}

    /** NumPy broadcast of two dimension lists (written independently of {@link Broadcast}). */
    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("reference: incompatible");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Flat index into a tensor of {@code dims} for the output multi-index {@code idx} (right-aligned, size 1 repeats). */
    static int at(int[] dims, int[] idx) {
        int lead = idx.length - dims.length;
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            int v = dims[i] == 1 ? 0 : idx[i + lead];
            flat = flat * dims[i] + v;
        }
        return flat;
    }

    static int numel(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Advances a row-major multi-index; false after the last. */
    static boolean next(int[] idx, int[] dims) {
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++idx[d] < dims[d]) {
                return true;
            }
            idx[d] = 0;
        }
        return false;
    }

    static Tensor unary(Tensor a, DoubleUnaryOperator f) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) f.applyAsDouble(x[i]);
        }
        return Tensor.wrap(out, a.dims());
    }

    static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] ad = a.dims();
        int[] bd = b.dims();
        int[] od = broadcast(ad, bd);
        float[] out = new float[numel(od)];
        int[] idx = new int[od.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(a.data()[at(ad, idx)], b.data()[at(bd, idx)]);
            next(idx, od);
        }
        return Tensor.wrap(out, od);
    }

    /** {@code c != 0 ? a : b}, three-way broadcast. */
    static Tensor where(Tensor c, Tensor a, Tensor b) {
        int[] od = broadcast(broadcast(c.dims(), a.dims()), b.dims());
        float[] out = new float[numel(od)];
        int[] idx = new int[od.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.data()[at(c.dims(), idx)] != 0 ? a.data()[at(a.dims(), idx)] : b.data()[at(b.dims(), idx)];
            next(idx, od);
        }
        return Tensor.wrap(out, od);
    }

    /** The kinds of reduction the reference knows. */
    enum Kind { SUM, MEAN, MAX, MIN, VAR0, VAR1 }

    /** A reduction over {@code axes} (null: all) by visiting every element and its output slot. */
    static Tensor reduce(Tensor x, int[] axes, boolean keepDim, Kind kind) {
        int[] dims = x.dims();
        int r = dims.length;
        boolean[] red = new boolean[r];
        if (axes == null || axes.length == 0) {
            java.util.Arrays.fill(red, true);
        } else {
            for (int a : axes) {
                red[a < 0 ? a + r : a] = true;
            }
        }
        int[] kept = dims.clone();
        int count = 1;
        for (int i = 0; i < r; i++) {
            if (red[i]) {
                kept[i] = 1;
                count *= dims[i];
            }
        }
        int m = numel(kept);
        double[] acc = new double[m];
        double[] acc2 = new double[m];
        java.util.Arrays.fill(acc, kind == Kind.MAX ? Double.NEGATIVE_INFINITY : kind == Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        int[] idx = new int[r];
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            int o = at(kept, idx);
            switch (kind) {
                case MAX -> acc[o] = Math.max(acc[o], d[i]);
                case MIN -> acc[o] = Math.min(acc[o], d[i]);
                default -> {
                    acc[o] += d[i];
                    acc2[o] += (double) d[i] * d[i];
                }
            }
            next(idx, dims);
        }
        float[] out = new float[m];
        for (int o = 0; o < m; o++) {
            double mean = acc[o] / count;
            out[o] = (float) switch (kind) {
                case SUM, MAX, MIN -> acc[o];
                case MEAN -> mean;
                case VAR0 -> (acc2[o] - count * mean * mean) / count;
                case VAR1 -> (acc2[o] - count * mean * mean) / (count - 1);
            };
        }
        if (keepDim) {
            return Tensor.wrap(out, kept);
        }
        int[] dropped = new int[r];
        int k = 0;
        for (int i = 0; i < r; i++) {
            if (!red[i]) {
                dropped[k++] = dims[i];
            }
        }
        return Tensor.wrap(out, java.util.Arrays.copyOf(dropped, k));
    }

    /** Softmax (or log-softmax) along {@code axis} in double. */
    static Tensor softmax(Tensor x, int axis, boolean log) {
        int[] dims = x.dims();
        int ax = axis < 0 ? axis + dims.length : axis;
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= dims[i];
        }
        int n = dims[ax];
        int inner = numel(dims) / outer / n;
        float[] d = x.data();
        float[] out = new float[d.length];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    m = Math.max(m, d[(o * n + j) * inner + k]);
                }
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(d[(o * n + j) * inner + k] - m);
                }
                for (int j = 0; j < n; j++) {
                    double v = d[(o * n + j) * inner + k] - m;
                    out[(o * n + j) * inner + k] = (float) (log ? v - Math.log(s) : Math.exp(v) / s);
                }
            }
        }
        return Tensor.wrap(out, dims);
    }

    /** Fails naming the first element where {@code |got - want| > atol + rtol * |want|} (equal bits always pass). */
    static void assertClose(float[] want, float[] got, double atol, double rtol, String what) {
        if (want.length != got.length) {
            throw new AssertionError(what + ": " + got.length + " elements, expected " + want.length);
        }
        for (int i = 0; i < want.length; i++) {
            if (Float.compare(want[i], got[i]) != 0 && !(Math.abs(want[i] - got[i]) <= atol + rtol * Math.abs(want[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
            }
        }
    }
}
