package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization", JMLR 12, 2011), with learning-rate decay and L2 weight decay.
 * PyTorch's {@code torch.optim.Adagrad} rule, for parameter {@code p}, gradient {@code g}, step
 * {@code t}:
 *
 * <pre>
 *   g = g + weightDecay * p
 *   clr = lr / (1 + (t - 1) * lrDecay)
 *   s = s + g^2                                  (s starts at initialAccumulatorValue)
 *   p = p - clr * g / (sqrt(s) + eps)
 * </pre>
 *
 * Buffers: {@code sum} (s).
 */
public final class Adagrad extends Optimizer {
    /**
     * Adagrad's hyperparameters, validated on construction.
     *
     * @param lr                      learning rate, {@code >= 0} (PyTorch's default 1e-2)
     * @param lrDecay                 learning-rate decay per step, {@code >= 0} (0)
     * @param weightDecay             L2 penalty added to the gradient, {@code >= 0} (0)
     * @param initialAccumulatorValue starting value of the squared-gradient sum, {@code >= 0} (0)
     * @param eps                     added to the denominator, {@code >= 0} (1e-10)
     */
    public record Options(float lr, float lrDecay, float weightDecay, float initialAccumulatorValue, float eps) {
        /** Validates every field. */
        public Options {
            checkNonNegative("Adagrad: learning rate", lr);
            checkNonNegative("Adagrad: lr decay", lrDecay);
            checkNonNegative("Adagrad: weight decay", weightDecay);
            checkNonNegative("Adagrad: initial accumulator value", initialAccumulatorValue);
            checkNonNegative("Adagrad: eps", eps);
        }

        /** PyTorch's defaults with learning rate {@code lr}. */
        public Options(float lr) {
            this(lr, 0f, 0f, 0f, 1e-10f);
        }
    }

    private final Options options;

    /** Adagrad over {@code params} with the given options. */
    public Adagrad(List<Tensor> params, Options options) {
        super("Adagrad", params, options.lr());
        this.options = options;
    }

    /** Adagrad with PyTorch's defaults and learning rate {@code lr}. */
    public Adagrad(List<Tensor> params, float lr) {
        this(params, new Options(lr));
    }

    /** The hyperparameters given at construction ({@link #lr()} holds the current learning rate). */
    public Options options() {
        return options;
    }

    @Override
    protected void update(int index, long t, float[] p, float[] grad, int from, int to) {
        float clr = (float) (lr() / (1 + (t - 1) * (double) options.lrDecay()));
        float wd = options.weightDecay();
        float eps = options.eps();
        float[] s = buffer(index, "sum");
        for (int j = from; j < to; j++) {
            float g = grad[j] + wd * p[j];
            float sj = s[j] + g * g;
            s[j] = sj;
            p[j] -= clr * (g / ((float) Math.sqrt(sj) + eps));
        }
    }

    @Override
    protected List<String> bufferNames() {
        return List.of("sum");
    }

    @Override
    protected float initialValue(String buffer) {
        return options.initialAccumulatorValue();
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("lr_decay", Float.toString(options.lrDecay()));
        h.put("weight_decay", Float.toString(options.weightDecay()));
        h.put("initial_accumulator_value", Float.toString(options.initialAccumulatorValue()));
        h.put("eps", Float.toString(options.eps()));
        return h;
    }
}
