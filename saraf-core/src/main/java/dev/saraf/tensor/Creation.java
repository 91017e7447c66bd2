package dev.saraf.tensor;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Factories and printing behind {@link Tensor}'s static methods. */
final class Creation {
    private Creation() {}

    static RandomGenerator rng(long seed) {
        return new SplittableRandom(seed);
    }

    static Tensor full(float value, Shape shape) {
        float[] d = new float[shape.numel()];
        java.util.Arrays.fill(d, value);
        return Tensor.wrap(d, shape);
    }

    static Tensor matrix(float[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return Tensor.wrap(d, Shape.of(r, c));
    }

    static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(start) || !Float.isFinite(end) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange(" + start + ", " + end + ", " + step + "): step must be non-zero and all finite");
        }
        int n = (int) Math.max(0, Math.ceil((end - (double) start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (start + (double) i * step);
        }
        return Tensor.wrap(d, Shape.of(n));
    }

    static Tensor eye(int n) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1f;
        }
        return Tensor.wrap(d, Shape.of(n, n));
    }

    static Tensor uniform(RandomGenerator rng, float low, float high, Shape shape) {
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform: high (" + high + ") must be greater than low (" + low + ")");
        }
        float[] d = new float[shape.numel()];
        float span = high - low;
        for (int i = 0; i < d.length; i++) {
            d[i] = low + span * rng.nextFloat();
        }
        return Tensor.wrap(d, shape);
    }

    static Tensor normal(RandomGenerator rng, float mean, float std, Shape shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: standard deviation must be >= 0, got " + std);
        }
        float[] d = new float[shape.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return Tensor.wrap(d, shape);
    }

    static int flatIndex(Shape shape, int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index of " + index.length + " axes for a tensor of shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            int ix = index[i] < 0 ? index[i] + d : index[i];
            if (ix < 0 || ix >= d) {
                throw new IndexOutOfBoundsException("index " + index[i] + " out of range for axis " + i + " of size " + d
                        + " in shape " + shape);
            }
            flat = flat * d + ix;
        }
        return flat;
    }

    /** PyTorch-like text: nested brackets, at most 6 values per axis shown. */
    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        int[] dims = t.dims();
        if (dims.length == 0) {
            sb.append(num(t.data()[0]));
        } else {
            append(sb, t.data(), dims, t.shape().strides(), 0, 0);
        }
        sb.append(", shape=").append(t.shape());
        if (t.gradFn() != null) {
            sb.append(", gradFn=").append(t.gradFn());
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, float[] d, int[] dims, int[] strides, int axis, int off) {
        sb.append('[');
        int n = dims[axis];
        for (int i = 0; i < n; i++) {
            if (n > 6 && i == 3) {
                sb.append("...");
                i = n - 3;
                sb.append(", ");
            }
            if (axis == dims.length - 1) {
                sb.append(num(d[off + i * strides[axis]]));
            } else {
                append(sb, d, dims, strides, axis + 1, off + i * strides[axis]);
            }
            if (i < n - 1) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }

    private static String num(float v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
