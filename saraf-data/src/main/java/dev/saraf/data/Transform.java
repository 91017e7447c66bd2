package dev.saraf.data;

import dev.saraf.tensor.Shape;
import java.util.random.RandomGenerator;

/**
 * A per-example transform applied in place while a {@link DataLoader} assembles a batch: to
 * normalise inputs or to augment them with random shifts, flips and crops.
 *
 * <p>{@code rng} is derived from (loader seed, epoch, example index), so an augmented epoch is the
 * same on every run and independent of which thread assembles it. A transform keeps no state
 * between calls and may run on the loader's prefetch thread.
 */
@FunctionalInterface
public interface Transform {
    /**
     * Transforms the example stored at {@code x[offset .. offset + inputShape.numel())} in place.
     *
     * @param inputShape the shape of one example, e.g. {@code [C, H, W]}
     * @param rng        this example's random source
     */
    void apply(float[] x, int offset, Shape inputShape, RandomGenerator rng);
}
