package dev.saraf.nn;

import dev.saraf.nn.init.FanMode;
import dev.saraf.nn.init.Init;
import dev.saraf.nn.init.Nonlinearity;
import dev.saraf.tensor.Convolution;
import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * 2-D convolution (cross-correlation): {@code [N, in, H, W] -> [N, out, P, Q]} with weight
 * {@code [out, in/groups, kh, kw]} and bias {@code [out]}, as PyTorch. Padding is explicit, or
 * {@code "same"} (output size equals input size; stride 1; when the total padding
 * {@code dilation*(k-1)} is odd the extra row/column goes at the bottom/right, as PyTorch does),
 * or {@code "valid"} (none). Default initialisation is PyTorch's, as {@link Linear}'s with
 * {@code fanIn = in/groups * kh * kw}.
 */
public final class Conv2d extends Module {
    private final int in;
    private final int out;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean same;
    private final int[] dilation;
    private final int groups;
    private final Tensor weight;
    private final Tensor bias;

    /** Square kernel, stride 1, no padding, with bias. */
    public Conv2d(int in, int out, int kernel, RandomGenerator rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1, true, rng);
    }

    /** Square kernel with the given stride and padding on every side, with bias. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, RandomGenerator rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {1, 1}, 1, true, rng);
    }

    /** Square kernel, stride 1, padding {@code "same"} or {@code "valid"}, with bias. */
    public Conv2d(int in, int out, int kernel, String padding, RandomGenerator rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {1, 1}, padding, new int[] {1, 1}, 1, true, rng);
    }

    /** Every option, explicit padding (height, width); pairs are (height, width). */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias,
                  RandomGenerator rng) {
        this(in, out, kernel, stride, pair("padding", padding, 0), false, dilation, groups, bias, rng);
    }

    /** Every option, padding {@code "same"} or {@code "valid"}; pairs are (height, width). */
    public Conv2d(int in, int out, int[] kernel, int[] stride, String padding, int[] dilation, int groups, boolean bias,
                  RandomGenerator rng) {
        this(in, out, kernel, stride, new int[] {0, 0}, parsePadding(padding), dilation, groups, bias, rng);
    }

    private Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, boolean same, int[] dilation, int groups,
                   boolean bias, RandomGenerator rng) {
        this.kernel = pair("kernel", kernel, 1);
        this.stride = pair("stride", stride, 1);
        this.dilation = pair("dilation", dilation, 1);
        this.padding = padding;
        this.same = same;
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in (" + in + ") and out (" + out + ") must be positive multiples of groups ("
                    + groups + ")");
        }
        if (same && (this.stride[0] != 1 || this.stride[1] != 1)) {
            throw new IllegalArgumentException("Conv2d: padding \"same\" needs stride 1, got " + java.util.Arrays.toString(stride));
        }
        this.in = in;
        this.out = out;
        this.groups = groups;
        this.weight = registerParameter("weight", Init.kaimingUniform(Tensor.zeros(out, in / groups, this.kernel[0], this.kernel[1]),
                Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, rng));
        double bound = 1 / Math.sqrt((double) in / groups * this.kernel[0] * this.kernel[1]);
        this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound, rng)) : null;
    }

    private static boolean parsePadding(String padding) {
        return switch (padding) {
            case "same" -> true;
            case "valid" -> false;
            default -> throw new IllegalArgumentException("Conv2d: padding must be \"same\", \"valid\" or numbers, got \"" + padding + "\"");
        };
    }

    static int[] pair(String what, int[] p, int min) {
        if (p == null || p.length != 2 || p[0] < min || p[1] < min) {
            throw new IllegalArgumentException("Conv2d: " + what + " must be two values >= " + min + " (height, width), got "
                    + java.util.Arrays.toString(p));
        }
        return p.clone();
    }

    /** The weight {@code [out, in/groups, kh, kw]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or {@code null}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return convolve(x, false, null);
    }

    /**
     * This layer followed by a ReLU, as one op ({@link Convolution#conv2dRelu}): the same values and
     * gradients, one pass over the output fewer each way. {@link Sequential} uses it for a Conv2d
     * directly followed by a ReLU when neither has forward hooks.
     */
    Tensor forwardRelu(Tensor x) {
        return attributed(() -> convolve(x, true, null));
    }

    /**
     * This layer, a ReLU and {@code pool} as one op ({@link Convolution#conv2dReluMaxPool}): the
     * same values and gradients, without the full-size activation between them. {@link Sequential}
     * uses it for a Conv2d, a ReLU and a MaxPool2d in a row when none of them has forward hooks.
     */
    Tensor forwardReluMaxPool(Tensor x, MaxPool2d pool) {
        return attributed(() -> convolve(x, true, pool));
    }

    private Tensor convolve(Tensor x, boolean relu, MaxPool2d pool) {
        if (x.rank() != 4 || x.size(1) != in) {
            throw new IllegalArgumentException("conv2d: input must be [N, " + in + ", H, W], got " + x.shape());
        }
        int[] pad = padding;
        if (same) {
            int th = dilation[0] * (kernel[0] - 1);
            int tw = dilation[1] * (kernel[1] - 1);
            if (th % 2 != 0 || tw % 2 != 0) {
                // odd total: pad asymmetrically first (extra at the end), then convolve unpadded
                x = x.pad(new int[] {tw / 2, tw - tw / 2, th / 2, th - th / 2}, 0f);
                pad = new int[] {0, 0};
            } else {
                pad = new int[] {th / 2, tw / 2};
            }
        }
        if (pool != null) {
            return Convolution.conv2dReluMaxPool(x, weight, bias, stride, pad, dilation, groups, pool.kernel(),
                    pool.stride(), pool.padding());
        }
        return relu ? Convolution.conv2dRelu(x, weight, bias, stride, pad, dilation, groups)
                : x.conv2d(weight, bias, stride, pad, dilation, groups);
    }

    @Override
    protected Map<String, Object> config() {
        Object pad = same ? "same" : List.of(padding[0], padding[1]);
        return Architecture.config("Conv2d", "in", in, "out", out, "kernel", List.of(kernel[0], kernel[1]),
                "stride", List.of(stride[0], stride[1]), "padding", pad, "dilation", List.of(dilation[0], dilation[1]),
                "groups", groups, "bias", bias != null);
    }

    @Override
    protected String extraRepr() {
        return "in=" + in + ", out=" + out + ", kernel=" + List.of(kernel[0], kernel[1]) + ", stride=" + List.of(stride[0], stride[1])
                + ", padding=" + (same ? "same" : List.of(padding[0], padding[1]))
                + (dilation[0] != 1 || dilation[1] != 1 ? ", dilation=" + List.of(dilation[0], dilation[1]) : "")
                + (groups != 1 ? ", groups=" + groups : "") + ", bias=" + (bias != null);
    }
}
