package dev.saraf.tensor;

import java.util.SplittableRandom;

/** Random inputs for op tests. */
public final class TestTensors {
    private TestTensors() {}

    /** Uniform in [-2, 2). */
    public static Tensor random(SplittableRandom rng, int... dims) {
        return uniform(rng, -2f, 2f, dims);
    }

    /** Uniform in [low, high). */
    public static Tensor uniform(SplittableRandom rng, float low, float high, int... dims) {
        Shape s = Shape.of(dims);
        float[] d = new float[s.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * (float) rng.nextDouble();
        }
        return Tensor.wrap(d, s);
    }

    /**
     * Uniform values whose magnitude is at least {@code gap}: keeps finite-difference probes of
     * kinked functions (relu, abs) away from the kink.
     */
    public static Tensor awayFromZero(SplittableRandom rng, float gap, int... dims) {
        Tensor t = random(rng, dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            d[i] = Math.copySign(gap + Math.abs(v), v == 0 ? 1f : v);
        }
        return t;
    }

    /** Distinct values in random order (ties break max/min gradients). */
    public static Tensor distinct(SplittableRandom rng, int... dims) {
        Shape s = Shape.of(dims);
        float[] d = new float[s.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i - d.length / 2f) * 0.1f;
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return Tensor.wrap(d, s);
    }

    /** The element of {@code t} at row-major flat index built from a multi-index. */
    public static int flat(int[] dims, int... index) {
        int f = 0;
        for (int i = 0; i < dims.length; i++) {
            f = f * dims[i] + index[i];
        }
        return f;
    }
}
