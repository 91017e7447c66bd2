package dev.saraf.train;

import java.util.random.RandomGenerator;

/**
 * A random generator (SplitMix64) that the trainer reseeds from {@code (seed, epoch)} at the start
 * of every epoch. Give it to the layers that draw during training ({@code new Dropout(0.5, rng)})
 * and to {@link Trainer.Options#withRandom}: the draws of epoch {@code e} then depend only on the
 * seed and {@code e}, so a run resumed from a checkpoint drops exactly the units an unbroken run
 * would have dropped. Not thread-safe, like the layers that use it.
 */
public final class EpochRandom implements RandomGenerator {
    private final long seed;
    private long state;

    /** A generator for {@code seed}, positioned at epoch 0. */
    public EpochRandom(long seed) {
        this.seed = seed;
        startEpoch(0);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Restarts the sequence for {@code epoch} (0-based): a pure function of the seed and the epoch. */
    public void startEpoch(int epoch) {
        state = mix(seed ^ mix(0x5EED_0000_0000L + epoch));
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
