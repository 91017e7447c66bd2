package dev.saraf.nn.init;

import dev.saraf.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Initialisers: each fills a tensor in place (as PyTorch's {@code nn.init.*_}) and returns it.
 * Random ones draw from the given generator element by element in row-major order, so the same
 * seed gives the same tensor.
 *
 * <p>Fans of a weight {@code [out, in, k1, k2, ...]} are {@code fanIn = in * k1 * k2 * ...} and
 * {@code fanOut = out * k1 * k2 * ...}; a 2-D weight {@code [out, in]} has no kernel axes.
 */
public final class Init {
    private Init() {}

    /** All zeros. */
    public static Tensor zeros(Tensor t) {
        return t.fill_(0f);
    }

    /** All ones. */
    public static Tensor ones(Tensor t) {
        return t.fill_(1f);
    }

    /** Every element {@code value}. */
    public static Tensor constant(Tensor t, float value) {
        return t.fill_(value);
    }

    /** Uniform in {@code [low, high)}. */
    public static Tensor uniform(Tensor t, double low, double high, RandomGenerator rng) {
        if (!(high > low)) {
            throw new IllegalArgumentException("Init.uniform: high (" + high + ") must be greater than low (" + low + ")");
        }
        float[] d = t.data();
        double span = high - low;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (low + span * rng.nextDouble());
        }
        return t;
    }

    /** Normal with mean {@code mean} and standard deviation {@code std}. */
    public static Tensor normal(Tensor t, double mean, double std, RandomGenerator rng) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("Init.normal: standard deviation must be >= 0, got " + std);
        }
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return t;
    }

    /**
     * Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward neural
     * networks": uniform in {@code [-a, a]}, {@code a = gain * sqrt(6 / (fanIn + fanOut))}.
     */
    public static Tensor xavierUniform(Tensor t, double gain, RandomGenerator rng) {
        double a = gain * Math.sqrt(6.0 / (fanIn(t, "xavierUniform") + fanOut(t, "xavierUniform")));
        return uniform(t, -a, a, rng);
    }

    /** Glorot and Bengio (2010): normal with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal(Tensor t, double gain, RandomGenerator rng) {
        double std = gain * Math.sqrt(2.0 / (fanIn(t, "xavierNormal") + fanOut(t, "xavierNormal")));
        return normal(t, 0, std, rng);
    }

    /**
     * He et al. (2015), "Delving deep into rectifiers": uniform in {@code [-b, b]} with
     * {@code b = sqrt(3) * gain / sqrt(fan)}, the gain taken from {@code nonlinearity} with negative
     * slope {@code a}. PyTorch's Linear and Conv layers use {@code a = sqrt(5)}, LEAKY_RELU, FAN_IN,
     * which gives {@code b = 1 / sqrt(fanIn)}.
     */
    public static Tensor kaimingUniform(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, RandomGenerator rng) {
        double std = nonlinearity.gain(a) / Math.sqrt(fan(t, mode, "kaimingUniform"));
        double bound = Math.sqrt(3.0) * std;
        return uniform(t, -bound, bound, rng);
    }

    /** He et al. (2015): normal with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, RandomGenerator rng) {
        double std = nonlinearity.gain(a) / Math.sqrt(fan(t, mode, "kaimingNormal"));
        return normal(t, 0, std, rng);
    }

    /** {@code in * k1 * k2 * ...} for a weight {@code [out, in, k1, k2, ...]}. */
    public static int fanIn(Tensor t) {
        return fanIn(t, "fanIn");
    }

    /** {@code out * k1 * k2 * ...} for a weight {@code [out, in, k1, k2, ...]}. */
    public static int fanOut(Tensor t) {
        return fanOut(t, "fanOut");
    }

    private static int fan(Tensor t, FanMode mode, String who) {
        return mode == FanMode.FAN_IN ? fanIn(t, who) : fanOut(t, who);
    }

    private static int fanIn(Tensor t, String who) {
        int r = receptiveField(t, who);
        return t.size(1) * r;
    }

    private static int fanOut(Tensor t, String who) {
        int r = receptiveField(t, who);
        return t.size(0) * r;
    }

    private static int receptiveField(Tensor t, String who) {
        if (t.rank() < 2) {
            throw new IllegalArgumentException("Init." + who + ": fans need a tensor of at least 2 dimensions, got shape " + t.shape());
        }
        int r = 1;
        for (int i = 2; i < t.rank(); i++) {
            r *= t.size(i);
        }
        if (r == 0 || t.size(0) == 0 || t.size(1) == 0) {
            throw new IllegalArgumentException("Init." + who + ": zero fan for shape " + t.shape());
        }
        return r;
    }
}
