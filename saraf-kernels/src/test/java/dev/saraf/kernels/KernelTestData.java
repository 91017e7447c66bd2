package dev.saraf.kernels;

import java.util.SplittableRandom;

/** Random arrays and the awkward lengths kernel tests run on. */
final class KernelTestData {
    private KernelTestData() {}

    /** Empty, single, around the vector width (8 or 16), primes, and long enough to go parallel. */
    static final int[] LENGTHS = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 127, 1000, 4099, 100_003, 1_000_003};

    static float[] uniform(SplittableRandom rng, int n, float low, float high) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = low + (high - low) * (float) rng.nextDouble();
        }
        return x;
    }

    static void assertSame(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.compare(expected[i], actual[i]) != 0) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    static void assertClose(float[] expected, float[] actual, double rtol, double atol, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = Float.compare(e, a) == 0 || Math.abs(e - a) <= atol + rtol * Math.abs(e);
            if (!ok) {
                throw new AssertionError(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }
}
