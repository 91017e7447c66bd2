package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * {@code x = (x - mean[c]) / std[c]} per channel {@code c} (the first axis of the example), as
 * torchvision's {@code Normalize}; a single mean and std apply to every channel. For MNIST the
 * usual values are mean 0.1307, std 0.3081.
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    /**
     * @param mean per-channel means (or one for all channels)
     * @param std  per-channel standard deviations, each positive, as many as {@code mean}
     */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: need as many means as standard deviations (at least one), got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("Normalize: standard deviations must be positive, got "
                        + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The same mean and std for every channel. */
    public Normalize(float mean, float std) {
        this(new float[] {mean}, new float[] {std});
    }

    @Override
    public void apply(float[] x, int offset, Shape inputShape, RandomGenerator rng) {
        int channels = inputShape.rank() == 0 ? 1 : inputShape.dim(0);
        if (mean.length != 1 && mean.length != channels) {
            throw new IllegalArgumentException("Normalize: " + mean.length + " channel means for inputs of shape "
                    + inputShape);
        }
        int plane = inputShape.numel() / Math.max(channels, 1);
        for (int c = 0; c < channels; c++) {
            float m = mean[mean.length == 1 ? 0 : c];
            float inv = 1f / std[std.length == 1 ? 0 : c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                x[base + i] = (x[base + i] - m) * inv;
            }
        }
    }
}
