package dev.saraf.kernels;

/** Plain-loop Adam step: the reference of {@link AdamVector}, arithmetic as {@link AdamKernels} gives it. */
final class AdamReference {
    private AdamReference() {}

    static void step(float[] p, float[] grad, float[] m, float[] v, float[] vmax, int from, int to,
                     float stepSize, float bc2Sqrt, float beta1, float beta2, float eps, float l2, float shrink) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        for (int j = from; j < to; j++) {
            float pj = p[j] * shrink;
            float g = grad[j] + l2 * pj;
            float mj = flush(m[j] + oneMinusB1 * (g - m[j]));
            float vj = flush(beta2 * v[j] + oneMinusB2 * g * g);
            m[j] = mj;
            v[j] = vj;
            float second = vj;
            if (vmax != null) {
                second = Math.max(vmax[j], vj);
                vmax[j] = second;
            }
            float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
            p[j] = pj - stepSize * (mj / denom);
        }
    }

    /** {@code x}, or +0 when it is subnormal (see {@link AdamKernels}). */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }
}
