package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API 2x2 stride-2 max pooling (the W-CNN pooling), the fast path of
 * {@link Pool2d#max2x2}. A block of {@code L} input columns gives {@code L / 2} outputs: each lane
 * is compared with its right neighbour (a load one element further on), the top row's winner with
 * the bottom row's, and the even lanes, which now hold whole windows, are gathered to the front by
 * one permute and stored under a mask. The comparison rule is {@link Pool2d#max2x2}'s tournament,
 * so outputs and argmax are those of the row-major scan.
 */
final class Pool2dVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    private static final int L = S.length();
    /** Outputs per block. */
    static final int HALF = L / 2;
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(S, i -> (2 * i) % L);
    private static final VectorShuffle<Integer> EVENS_INT = VectorShuffle.fromOp(IS, i -> (2 * i) % L);
    private static final VectorMask<Float> FRONT = VectorMask.fromLong(S, (1L << HALF) - 1);
    private static final VectorMask<Integer> FRONT_INT = VectorMask.fromLong(IS, (1L << HALF) - 1);
    private static final IntVector IOTA = IntVector.zero(IS).addIndex(1);

    private Pool2dVector() {}

    /**
     * Outputs {@code [q0, q0 + HALF)} of output row {@code p} of one plane starting at
     * {@code xBase}; {@code o} and {@code a} are the output and argmax positions of output q0.
     * The caller guarantees {@code xBase + (2p + 1) W + 2 q0 + L + 1 <= x.length}.
     */
    static void block(float[] x, int xBase, int wd, int p, int q0, float[] out, int o, int[] argmax, int a) {
        int i0 = 2 * p * wd + 2 * q0;
        int i2 = i0 + wd;
        FloatVector v0 = FloatVector.fromArray(S, x, xBase + i0);
        FloatVector v1 = FloatVector.fromArray(S, x, xBase + i0 + 1);
        FloatVector v2 = FloatVector.fromArray(S, x, xBase + i2);
        FloatVector v3 = FloatVector.fromArray(S, x, xBase + i2 + 1);
        VectorMask<Float> right = later(v0, v1);
        VectorMask<Float> right2 = later(v2, v3);
        FloatVector t = v0.blend(v1, right);
        FloatVector b = v2.blend(v3, right2);
        VectorMask<Float> bottom = later(t, b);
        t.blend(b, bottom).rearrange(EVENS).intoArray(out, o, FRONT);
        if (argmax != null) {
            IntVector top = IOTA.add(i0);
            IntVector low = IOTA.add(i2);
            IntVector ti = top.blend(top.add(1), right.cast(IS));
            IntVector bi = low.blend(low.add(1), right2.cast(IS));
            ti.blend(bi, bottom.cast(IS)).rearrange(EVENS_INT).intoArray(argmax, a, FRONT_INT);
        }
    }

    /** Lanes where the later tap {@code v} beats the earlier {@code u}: greater, or NaN against a number. */
    static VectorMask<Float> later(FloatVector u, FloatVector v) {
        return v.compare(VectorOperators.GT, u)
                .or(v.test(VectorOperators.IS_NAN).andNot(u.test(VectorOperators.IS_NAN)));
    }

    /** Input elements a block reads past its first one. */
    static int reach() {
        return L + 1;
    }
}
