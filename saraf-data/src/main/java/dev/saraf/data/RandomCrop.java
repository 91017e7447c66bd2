package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomCrop(size=(H, W), padding=padding)}: pads an image {@code [C, H, W]}
 * with {@code padding} zeros on every side and cuts out a random {@code H x W} window. The window's
 * offset in the padded image is uniform in {@code [0, 2 * padding]} per axis, which is a move of
 * the content by {@code padding - offset} pixels; computed in place, without the padded copy.
 *
 * @param padding zeros added on each side, at least 0
 */
public record RandomCrop(int padding) implements Transform {
    /** Checks {@code padding >= 0}. */
    public RandomCrop {
        if (padding < 0) {
            throw new IllegalArgumentException("RandomCrop: padding must be >= 0, got " + padding);
        }
    }

    @Override
    public void apply(float[] x, int offset, Shape inputShape, RandomGenerator rng) {
        int[] d = ImageOps.chw("RandomCrop", inputShape);
        int top = rng.nextInt(2 * padding + 1);
        int left = rng.nextInt(2 * padding + 1);
        ImageOps.shift(x, offset, d[0], d[1], d[2], padding - top, padding - left);
    }
}
