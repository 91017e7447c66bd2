package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class LanesTest {

    /** The documented fold order, computed with plain floats. */
    private static float reference(float[] lanes) {
        float[] v = lanes.clone();
        for (int half = v.length / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                v[i] = v[i] + v[i + half];
            }
        }
        return v[0];
    }

    @Test
    void sumsInTheSameOrderEveryTimeAndAcrossJitTiers() {
        int n = FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom rng = new SplittableRandom(3);
        for (int round = 0; round < 200_000; round++) { // enough calls for C2 to compile sum()
            float[] lanes = new float[n];
            for (int i = 0; i < n; i++) {
                lanes[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(-3, 8)));
            }
            float got = Lanes.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, lanes, 0));
            float want = reference(lanes);
            if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(want)) {
                throw new AssertionError("round " + round + ": " + got + " != " + want);
            }
        }
        assertThat(Lanes.sum(FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f))).isEqualTo((float) n);
    }
}
