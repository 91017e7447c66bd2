package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.nn.init.FanMode;
import dev.saraf.nn.init.Init;
import dev.saraf.nn.init.Nonlinearity;
import dev.saraf.tensor.Tensor;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer {@code y = x W^T + b}: {@code [*, in] -> [*, out]}, weight {@code [out, in]}
 * and bias {@code [out]} as PyTorch lays them out. Default initialisation is PyTorch's: weight
 * Kaiming-uniform with {@code a = sqrt(5)} (that is, U(-1/sqrt(in), 1/sqrt(in))), bias
 * U(-1/sqrt(in), 1/sqrt(in)).
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with bias. */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, rng);
    }

    /** A layer with or without bias, initialised from {@code rng}. */
    public Linear(int in, int out, boolean bias, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: in and out must be positive, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight",
                Init.kaimingUniform(Tensor.zeros(out, in), Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, rng));
        double bound = 1 / Math.sqrt(in);
        this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound, rng)) : null;
    }

    /** The weight {@code [out, in]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or {@code null} without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return F.linear(x, weight, bias);
    }

    /**
     * This layer followed by a ReLU, as one op ({@link F#linearRelu}): the same values and
     * gradients, one array and one pass fewer each way. {@link Sequential} uses it for a Linear
     * directly followed by a ReLU when neither has forward hooks.
     */
    Tensor forwardRelu(Tensor x) {
        return attributed(() -> F.linearRelu(x, weight, bias));
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Linear", "in", in, "out", out, "bias", bias != null);
    }
}
