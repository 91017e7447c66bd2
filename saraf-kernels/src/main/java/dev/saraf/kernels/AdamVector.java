package dev.saraf.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API Adam step: {@link AdamReference}'s operations lane by lane in the same order (no
 * fused multiply-adds), so both give identical bits; the tail runs the reference.
 */
final class AdamVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private AdamVector() {}

    static void step(float[] p, float[] grad, float[] m, float[] v, float[] vmax, int from, int to,
                     float stepSize, float bc2Sqrt, float beta1, float beta2, float eps, float l2, float shrink) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        int j = from;
        for (int end = from + (to - from) / L * L; j < end; j += L) {
            FloatVector pj = FloatVector.fromArray(S, p, j).mul(shrink);
            FloatVector g = FloatVector.fromArray(S, grad, j).add(pj.mul(l2));
            FloatVector m0 = FloatVector.fromArray(S, m, j);
            FloatVector mj = flush(m0.add(g.sub(m0).mul(oneMinusB1)));
            FloatVector vj = flush(FloatVector.fromArray(S, v, j).mul(beta2).add(g.mul(oneMinusB2).mul(g)));
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            FloatVector second = vj;
            if (vmax != null) {
                second = FloatVector.fromArray(S, vmax, j).max(vj);
                second.intoArray(vmax, j);
            }
            FloatVector denom = second.sqrt().div(bc2Sqrt).add(eps);
            pj.sub(mj.div(denom).mul(stepSize)).intoArray(p, j);
        }
        AdamReference.step(p, grad, m, v, vmax, j, to, stepSize, bc2Sqrt, beta1, beta2, eps, l2, shrink);
    }

    /** {@code x} with its subnormal lanes set to +0, as {@link AdamReference#flush}. */
    private static FloatVector flush(FloatVector x) {
        return x.blend(FloatVector.zero(S), x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }
}
