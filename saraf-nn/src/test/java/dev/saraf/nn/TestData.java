package dev.saraf.nn;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;

/** Random inputs for layer and loss tests (plain arrays, no tensor ops). */
public final class TestData {
    private TestData() {}

    /** Uniform in [-2, 2). */
    public static Tensor random(SplittableRandom rng, int... dims) {
        return uniform(rng, -2, 2, dims);
    }

    /** Uniform in [low, high). */
    public static Tensor uniform(SplittableRandom rng, double low, double high, int... dims) {
        float[] d = new float[Shape.of(dims).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (low + (high - low) * rng.nextDouble());
        }
        return Tensor.wrap(d, dims);
    }

    /** Uniform with magnitude at least {@code gap}, away from kinks at 0. */
    public static Tensor awayFromZero(SplittableRandom rng, float gap, int... dims) {
        Tensor t = random(rng, dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.copySign(gap + Math.abs(d[i]), d[i] == 0 ? 1f : d[i]);
        }
        return t;
    }

    /** Distinct values 0.1 apart in random order (no ties for max pooling). */
    public static Tensor distinct(SplittableRandom rng, int... dims) {
        float[] d = new float[Shape.of(dims).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i - d.length / 2f) * 0.1f;
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return Tensor.wrap(d, dims);
    }

    /** Whole numbers in [0, bound) as floats. */
    public static Tensor indices(SplittableRandom rng, int bound, int... dims) {
        float[] d = new float[Shape.of(dims).numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(bound);
        }
        return Tensor.wrap(d, dims);
    }

    /** Asserts equal shapes and elements within {@code tol * (1 + |expected|)}. */
    public static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tol * (1 + Math.abs(e[i]))) && Float.compare(a[i], e[i]) != 0) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
