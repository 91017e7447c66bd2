package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019): the parameter shrinks by {@code lr * weightDecay} of itself, apart
 * from the adaptive gradient step, instead of the decay entering the gradient as in {@link Adam}.
 * PyTorch's {@code torch.optim.AdamW} rule, for parameter {@code p}, gradient {@code g}, step
 * {@code t}:
 *
 * <pre>
 *   p = p * (1 - lr * weightDecay)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   vmax = max(vmax, v)                          (AMSGrad only; then v below is vmax)
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Buffers: {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 */
public final class AdamW extends Optimizer {
    /**
     * AdamW's hyperparameters, validated on construction.
     *
     * @param lr          learning rate, {@code >= 0} (PyTorch's default 1e-3)
     * @param beta1       decay of the first moment, in {@code [0, 1)} (0.9)
     * @param beta2       decay of the second moment, in {@code [0, 1)} (0.999)
     * @param eps         added to the denominator, {@code >= 0} (1e-8)
     * @param weightDecay decoupled decay rate, {@code >= 0} (PyTorch's default 1e-2)
     * @param amsgrad     use AMSGrad's running maximum of the second moment (false)
     */
    public record Options(float lr, float beta1, float beta2, float eps, float weightDecay, boolean amsgrad) {
        /** Validates every field. */
        public Options {
            checkNonNegative("AdamW: learning rate", lr);
            checkRange("AdamW: beta1", beta1, 0f, 1f);
            checkRange("AdamW: beta2", beta2, 0f, 1f);
            checkNonNegative("AdamW: eps", eps);
            checkNonNegative("AdamW: weight decay", weightDecay);
        }

        /** Without AMSGrad. */
        public Options(float lr, float beta1, float beta2, float eps, float weightDecay) {
            this(lr, beta1, beta2, eps, weightDecay, false);
        }

        /** PyTorch's defaults with learning rate {@code lr}. */
        public Options(float lr) {
            this(lr, 0.9f, 0.999f, 1e-8f, 1e-2f, false);
        }
    }

    private final Options options;

    /** AdamW over {@code params} with the given options. */
    public AdamW(List<Tensor> params, Options options) {
        super("AdamW", params, options.lr());
        this.options = options;
    }

    /** AdamW with PyTorch's defaults and learning rate {@code lr}. */
    public AdamW(List<Tensor> params, float lr) {
        this(params, new Options(lr));
    }

    /** AdamW with PyTorch's defaults (learning rate 1e-3). */
    public AdamW(List<Tensor> params) {
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
                lr(), options.beta1(), options.beta2(), options.eps(), 0f, options.weightDecay());
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
