package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic horizontal sums of a vector. {@code reduceLanes(ADD)} leaves the order of the
 * float additions unspecified, and in practice it changes with the JIT tier, so the same input
 * could give different bits within one run; here the lanes are folded in halves, always in the
 * same order: {@code (l0 + l4) + (l2 + l6) ...}.
 */
final class Lanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float>[] FOLDS = folds();

    private Lanes() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(S.length());
        VectorShuffle<Float>[] f = new VectorShuffle[steps];
        for (int s = 0, half = S.length() / 2; s < steps; s++, half /= 2) {
            final int h = half;
            f[s] = VectorShuffle.fromOp(S, i -> i < h ? i + h : i);
        }
        return f;
    }

    /** The sum of all lanes of {@code v}, in a fixed order. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }
}
