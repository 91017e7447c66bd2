package dev.saraf.optim;

/** The element loop shared by {@link Adam} and {@link AdamW}; they differ only in how weight decay enters. */
final class AdamKernel {
    private AdamKernel() {}

    /**
     * One Adam step over {@code [from, to)} at step {@code t}. {@code l2} is added to the gradient
     * as {@code l2 * p} (Adam's coupled decay); {@code decoupled} shrinks {@code p} by
     * {@code (1 - lr * decoupled)} first (AdamW). {@code vmax} is null unless AMSGrad. The
     * arithmetic follows PyTorch's single-tensor implementation.
     */
    static void step(float[] p, float[] grad, float[] m, float[] v, float[] vmax, int from, int to, long t,
            float lr, float beta1, float beta2, float eps, float l2, float decoupled) {
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float shrink = 1f - lr * decoupled;
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        for (int j = from; j < to; j++) {
            float pj = p[j] * shrink;
            float g = grad[j] + l2 * pj;
            float mj = m[j] + oneMinusB1 * (g - m[j]);
            float vj = beta2 * v[j] + oneMinusB2 * g * g;
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
}
