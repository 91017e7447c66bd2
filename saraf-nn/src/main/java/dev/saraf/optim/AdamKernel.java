package dev.saraf.optim;

import dev.saraf.kernels.AdamKernels;

/** The element loop shared by {@link Adam} and {@link AdamW}; they differ only in how weight decay enters. */
final class AdamKernel {
    private AdamKernel() {}

    /**
     * One Adam step over {@code [from, to)} at step {@code t}. {@code l2} is added to the gradient
     * as {@code l2 * p} (Adam's coupled decay); {@code decoupled} shrinks {@code p} by
     * {@code (1 - lr * decoupled)} first (AdamW). {@code vmax} is null unless AMSGrad. The
     * arithmetic follows PyTorch's single-tensor implementation; the loop itself is
     * {@link AdamKernels#step}, vectorised.
     */
    static void step(float[] p, float[] grad, float[] m, float[] v, float[] vmax, int from, int to, long t,
            float lr, float beta1, float beta2, float eps, float l2, float decoupled) {
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float shrink = 1f - lr * decoupled;
        AdamKernels.step(p, grad, m, v, vmax, from, to, stepSize, bc2Sqrt, beta1, beta2, eps, l2, shrink);
    }
}
