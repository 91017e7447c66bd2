package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), with optional
 * L2 weight decay added to the gradient and the AMSGrad variant (Reddi et al., "On the
 * Convergence of Adam and Beyond", ICLR 2018). For decoupled weight decay use {@link AdamW}.
 * PyTorch's {@code torch.optim.Adam} rule, for parameter {@code p}, gradient {@code g}, step
 * {@code t}:
 *
 * <pre>
 *   g = g + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   vmax = max(vmax, v)                          (AMSGrad only; then v below is vmax)
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Buffers: {@code exp_avg} (m), {@code exp_avg_sq} (v), and {@code max_exp_avg_sq} with AMSGrad.
 */
public final class Adam extends Optimizer {
    /**
     * Adam's hyperparameters, validated on construction.
     *
     * @param lr          learning rate, {@code >= 0} (PyTorch's default 1e-3)
     * @param beta1       decay of the first moment, in {@code [0, 1)} (0.9)
     * @param beta2       decay of the second moment, in {@code [0, 1)} (0.999)
     * @param eps         added to the denominator, {@code >= 0} (1e-8)
     * @param weightDecay L2 penalty added to the gradient, {@code >= 0} (0)
     * @param amsgrad     use AMSGrad's running maximum of the second moment (false)
     */
    public record Options(float lr, float beta1, float beta2, float eps, float weightDecay, boolean amsgrad) {
        /** Validates every field. */
        public Options {
            checkNonNegative("Adam: learning rate", lr);
            checkRange("Adam: beta1", beta1, 0f, 1f);
            checkRange("Adam: beta2", beta2, 0f, 1f);
            checkNonNegative("Adam: eps", eps);
            checkNonNegative("Adam: weight decay", weightDecay);
        }

        /** Without AMSGrad. */
        public Options(float lr, float beta1, float beta2, float eps, float weightDecay) {
            this(lr, beta1, beta2, eps, weightDecay, false);
        }

        /** PyTorch's defaults with learning rate {@code lr}. */
        public Options(float lr) {
            this(lr, 0.9f, 0.999f, 1e-8f, 0f, false);
        }
    }

    private final Options options;

    /** Adam over {@code params} with the given options. */
    public Adam(List<Tensor> params, Options options) {
        super("Adam", params, options.lr());
        this.options = options;
    }

    /** Adam with PyTorch's defaults and learning rate {@code lr}. */
    public Adam(List<Tensor> params, float lr) {
        this(params, new Options(lr));
    }

    /** Adam with PyTorch's defaults (learning rate 1e-3). */
    public Adam(List<Tensor> params) {
        this(params, new Options(1e-3f));
    }

    /** The hyperparameters given at construction ({@link #lr()} holds the current learning rate). */
    public Options options() {
        return options;
    }

    @Override
    protected void update(int index, long t, float[] p, float[] grad, int from, int to) {
        AdamKernel.step(p, grad, buffer(index, "exp_avg"), buffer(index, "exp_avg_sq"),
                options.amsgrad() ? buffer(index, "max_exp_avg_sq") : null, from, to, t,
                lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay(), 0f);
    }

    @Override
    protected List<String> bufferNames() {
        return options.amsgrad() ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("beta1", Float.toString(options.beta1()));
        h.put("beta2", Float.toString(options.beta2()));
        h.put("eps", Float.toString(options.eps()));
        h.put("weight_decay", Float.toString(options.weightDecay()));
        h.put("amsgrad", Boolean.toString(options.amsgrad()));
        return h;
    }
}
