package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.random.RandomGenerator;

/**
 * Moves an image {@code [C, H, W]} by a random whole number of pixels in {@code [-maxShift, maxShift]}
 * along each axis (independently), filling the uncovered border with 0: the classic augmentation
 * for MNIST-style digits on a black background.
 *
 * @param maxShift the largest move in pixels, at least 0
 */
public record RandomShift(int maxShift) implements Transform {
    /** Checks {@code maxShift >= 0}. */
    public RandomShift {
        if (maxShift < 0) {
            throw new IllegalArgumentException("RandomShift: maxShift must be >= 0, got " + maxShift);
        }
    }

    @Override
    public void apply(float[] x, int offset, Shape inputShape, RandomGenerator rng) {
        int[] d = ImageOps.chw("RandomShift", inputShape);
        int dy = rng.nextInt(-maxShift, maxShift + 1);
        int dx = rng.nextInt(-maxShift, maxShift + 1);
        ImageOps.shift(x, offset, d[0], d[1], d[2], dy, dx);
    }
}
