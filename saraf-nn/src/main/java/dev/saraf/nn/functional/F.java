package dev.saraf.nn.functional;

import dev.saraf.kernels.DropoutKernels;
import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Stateless math behind the layers: each function takes its parameters as arguments, so layers
 * stay thin and custom modules can reuse it. Elementwise activations, pooling and convolution are
 * {@link Tensor} methods and are not repeated here.
 */
public final class F {
    private F() {}

    /**
     * {@code x W^T + b}: input {@code [*, in]}, weight {@code [out, in]} (PyTorch's layout), bias
     * {@code [out]} or {@code null}; gives {@code [*, out]}.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        checkLinear(x, weight, bias);
        return LinearOp.apply(x, weight, bias, false);
    }

    /**
     * {@code relu(x W^T + b)} as one op: the same values and gradients as {@link #linear} followed
     * by {@link Tensor#relu()}, with the output rectified in place and one pass fewer each way.
     */
    public static Tensor linearRelu(Tensor x, Tensor weight, Tensor bias) {
        checkLinear(x, weight, bias);
        return LinearOp.apply(x, weight, bias, true);
    }

    private static void checkLinear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear: weight must be [out, in], got " + weight.shape());
        }
        if (x.rank() < 1 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " must end in " + weight.size(1)
                    + " features to match weight " + weight.shape());
        }
        if (bias != null && !bias.shape().is(weight.size(0))) {
            throw new IllegalArgumentException("linear: bias must be [" + weight.size(0) + "], got " + bias.shape());
        }
    }

    /**
     * Adaptive average pooling {@code [N, C, H, W] -> [N, C, outH, outW]}, bins as PyTorch's
     * {@code adaptive_avg_pool2d}.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return AdaptiveAvgPoolOp.apply(x, outH, outW);
    }

    /**
     * Inverted dropout: in training, zeroes each element with probability {@code p} and scales the
     * rest by {@code 1/(1-p)}, so evaluation needs no rescaling; outside training returns {@code x}.
     * Each call draws one 64-bit seed from {@code rng}; the mask is a counter-based hash of that
     * seed and the element index ({@link DropoutKernels}), so it is the same whatever the thread
     * count, and is generated and applied in one parallel pass.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, RandomGenerator rng) {
        checkP(p);
        if (!training || p == 0) {
            return x;
        }
        return MaskOp.dropout(x, p, keepScale(p), rng.nextLong());
    }

    /**
     * A dropout mask of {@code shape}: 0 with probability {@code p}, else {@code 1/(1-p)}; the
     * same mask {@link #dropout(Tensor, double, boolean, RandomGenerator)} would apply given the
     * same generator state.
     */
    public static Tensor dropoutMask(Shape shape, double p, RandomGenerator rng) {
        checkP(p);
        float[] m = new float[shape.numel()];
        DropoutKernels.apply(rng.nextLong(), p, keepScale(p), null, 0, m, 0, null, 0, m.length);
        return Tensor.wrap(m, shape);
    }

    /** What kept elements are multiplied by: {@code 1/(1-p)}, or 0 when everything is dropped. */
    private static float keepScale(double p) {
        return p >= 1 ? 0f : (float) (1.0 / (1.0 - p));
    }

    /** {@code x * mask} with the mask held constant: dropout with a given mask, same shape as {@code x}. */
    public static Tensor dropout(Tensor x, Tensor mask) {
        return MaskOp.apply(x, mask);
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
    }

    /**
     * Batch normalisation of {@code [N, C, *]} per channel: in training (or without running
     * statistics) with the batch's mean and biased variance, updating the running statistics
     * ({@code [C]}, may be {@code null}) in place with {@code running = (1-momentum) running +
     * momentum batch} (unbiased variance, as PyTorch); otherwise with the running statistics.
     * {@code weight} and {@code bias} ({@code [C]}) may be {@code null}.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return BatchNormOp.apply(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Layer normalisation over the trailing axes {@code normalizedShape} of {@code [*, normalizedShape]},
     * with biased variance; {@code weight} and {@code bias} ({@code normalizedShape}) may be {@code null}.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return LayerNormOp.apply(x, normalizedShape, weight, bias, eps);
    }

    /** Rows of {@code weight [V, E]} at {@code indices [*]} (whole numbers as floats): {@code [*, E]}. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return EmbeddingOp.apply(indices, weight);
    }

    /** The Heaviside step {@code x >= 0 ? 1 : 0}, same shape; its gradient is zero. */
    public static Tensor step(Tensor x) {
        return StepOp.apply(x);
    }
}
