package dev.saraf.data;

import java.util.SplittableRandom;

/** Seeded permutations and seed mixing shared by splits, loaders and transforms. */
final class Shuffle {
    private Shuffle() {}

    /** A uniformly random permutation of {@code 0..n-1}, a pure function of {@code seed} (Fisher-Yates). */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Mixes values into one well-spread seed (SplitMix64 finaliser), so that seeds derived from
     * (seed, epoch) or (seed, epoch, index) are unrelated to each other even when the inputs are
     * consecutive integers.
     */
    static long mix(long seed, long... values) {
        long h = seed;
        for (long v : values) {
            h = finalise(h ^ finalise(v + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
