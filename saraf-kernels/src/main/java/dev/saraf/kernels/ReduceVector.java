package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reduction of one block: four independent accumulators (hides the add latency, and
 * splits the block into 4 * lanes interleaved partial sums, which also limits rounding error).
 */
final class ReduceVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private ReduceVector() {}

    /** {@code op} over {@code x[off .. off+n)}. */
    static float block(ReduceOp op, float[] x, int off, int n) {
        return switch (op) {
            case SUM -> sum(x, off, n);
            case MAX -> max(x, off, n);
            case MIN -> min(x, off, n);
        };
    }

    private static float sum(float[] x, int off, int n) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int up = n - 4 * L; i <= up; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, x, off + i));
            a1 = a1.add(FloatVector.fromArray(S, x, off + i + L));
            a2 = a2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (int up = S.loopBound(n); i < up; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = Lanes.sum(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    private static float max(float[] x, int off, int n) {
        FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector a1 = a0;
        int i = 0;
        for (int up = n - 2 * L; i <= up; i += 2 * L) {
            a0 = a0.max(FloatVector.fromArray(S, x, off + i));
            a1 = a1.max(FloatVector.fromArray(S, x, off + i + L));
        }
        for (int up = S.loopBound(n); i < up; i += L) {
            a0 = a0.max(FloatVector.fromArray(S, x, off + i));
        }
        float m = a0.max(a1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static float min(float[] x, int off, int n) {
        FloatVector a0 = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        FloatVector a1 = a0;
        int i = 0;
        for (int up = n - 2 * L; i <= up; i += 2 * L) {
            a0 = a0.min(FloatVector.fromArray(S, x, off + i));
            a1 = a1.min(FloatVector.fromArray(S, x, off + i + L));
        }
        for (int up = S.loopBound(n); i < up; i += L) {
            a0 = a0.min(FloatVector.fromArray(S, x, off + i));
        }
        float m = a0.min(a1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            m = Math.min(m, x[off + i]);
        }
        return m;
    }
}
