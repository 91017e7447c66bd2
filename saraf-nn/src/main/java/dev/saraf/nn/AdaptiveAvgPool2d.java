package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.tensor.Tensor;
import java.util.Map;

/**
 * Average pooling to a fixed output size whatever the input size: {@code [N, C, H, W] ->
 * [N, C, outH, outW]}, bins as PyTorch's. {@code AdaptiveAvgPool2d(1)} is global average pooling
 * that keeps the spatial axes; {@link GlobalAvgPool2d} drops them.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /** Square output {@code size x size}. */
    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    /** Output {@code outH x outW}. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got " + outH + "x" + outW);
        }
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return F.adaptiveAvgPool2d(x, outH, outW);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("AdaptiveAvgPool2d", "outH", outH, "outW", outW);
    }
}
