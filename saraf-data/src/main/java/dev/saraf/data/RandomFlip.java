package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.random.RandomGenerator;

/**
 * Mirrors an image {@code [C, H, W]} left to right with probability {@code probability}
 * (torchvision's {@code RandomHorizontalFlip}). Suits clothes and photos, not digits.
 *
 * @param probability chance of a flip, in [0, 1]
 */
public record RandomFlip(double probability) implements Transform {
    /** Checks the probability. */
    public RandomFlip {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("RandomFlip: probability must be in [0, 1], got " + probability);
        }
    }

    /** Flips half of the images. */
    public RandomFlip() {
        this(0.5);
    }

    @Override
    public void apply(float[] x, int offset, Shape inputShape, RandomGenerator rng) {
        int[] d = ImageOps.chw("RandomFlip", inputShape);
        if (rng.nextDouble() < probability) {
            ImageOps.flipHorizontal(x, offset, d[0], d[1], d[2]);
        }
    }
}
