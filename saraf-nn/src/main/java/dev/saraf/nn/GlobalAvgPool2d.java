package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.Map;

/** The mean over each channel's plane: {@code [N, C, H, W] -> [N, C]} (Keras' GlobalAveragePooling2D). */
public final class GlobalAvgPool2d extends Module {
    /** No parameters. */
    public GlobalAvgPool2d() {}

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalAvgPool2d: input must be [N, C, H, W], got " + x.shape());
        }
        return x.mean(new int[] {2, 3}, false);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("GlobalAvgPool2d");
    }
}
