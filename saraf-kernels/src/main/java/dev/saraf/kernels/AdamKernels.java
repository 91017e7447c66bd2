package dev.saraf.kernels;

/**
 * The element loop of the Adam family of optimisers over {@code [from, to)} of a parameter, its
 * gradient and its moment buffers, with the step's constants precomputed by the caller:
 *
 * <pre>
 *   p  = p * shrink                     (decoupled weight decay, AdamW; 1 otherwise)
 *   g  = grad + l2 * p                  (coupled L2 decay, Adam; 0 otherwise)
 *   m  = m + (1 - beta1) (g - m)
 *   v  = beta2 v + (1 - beta2) g g
 *   vmax = max(vmax, v), used for v     (AMSGrad, when vmax is not null)
 *   p  = p - stepSize * (m / (sqrt(v) / bc2Sqrt + eps))
 * </pre>
 *
 * Every operation is a correctly rounded float operation in this order, so the vector kernel
 * gives the same bits as the scalar reference ({@link AdamReference}).
 *
 * <p>One departure from PyTorch: a moment that falls into the subnormal range (below
 * {@link Float#MIN_NORMAL}, about 1.2e-38) is stored as zero. A weight whose gradient stays zero
 * (a dead ReLU unit, a border pixel that is almost never lit) has its first moment shrink by beta1
 * each step, into the subnormals after some 800 steps, and there it stays; Intel cores take a
 * microcode assist for every subnormal operand, which Java cannot switch off (no flush-to-zero
 * mode), and W-MLP's optimiser step grew from about 0.1 to 0.5-0.7 ms from its second epoch on
 * Fashion-MNIST (22,000 of its 470,000 moments were subnormal by then). Such a moment moves its
 * weight by less than 1e-30 of the learning rate, so flushing it changes nothing a float32 model
 * can show.
 */
public final class AdamKernels {
    private AdamKernels() {}

    /** One Adam step on {@code p[from, to)}; see the class comment for the arithmetic. */
    public static void step(float[] p, float[] grad, float[] m, float[] v, float[] vmax, int from, int to,
                            float stepSize, float bc2Sqrt, float beta1, float beta2, float eps, float l2, float shrink) {
        if (from < 0 || to > p.length || to > grad.length || to > m.length || to > v.length
                || (vmax != null && to > vmax.length) || from > to) {
            throw new IllegalArgumentException("adam: range [" + from + ", " + to + ") outside the parameter (" + p.length
                    + "), gradient (" + grad.length + ") or moment buffers");
        }
        if (KernelMode.scalar()) {
            AdamReference.step(p, grad, m, v, vmax, from, to, stepSize, bc2Sqrt, beta1, beta2, eps, l2, shrink);
        } else {
            AdamVector.step(p, grad, m, v, vmax, from, to, stepSize, bc2Sqrt, beta1, beta2, eps, l2, shrink);
        }
    }
}
