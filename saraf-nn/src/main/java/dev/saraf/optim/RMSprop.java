package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Tieleman and Hinton, "Lecture 6.5 - rmsprop", COURSERA: Neural Networks for Machine
 * Learning, 2012), with the centered variant of Graves ("Generating Sequences With Recurrent
 * Neural Networks", 2013), optional momentum and L2 weight decay. PyTorch's
 * {@code torch.optim.RMSprop} rule, for parameter {@code p} and gradient {@code g}:
 *
 * <pre>
 *   g = g + weightDecay * p
 *   v = alpha * v + (1 - alpha) * g^2
 *   if centered: a = alpha * a + (1 - alpha) * g;  d = sqrt(v - a^2) + eps
 *   else:        d = sqrt(v) + eps
 *   if momentum > 0: b = momentum * b + g / d;  p = p - lr * b
 *   else:            p = p - lr * g / d
 * </pre>
 *
 * Buffers: {@code square_avg} (v), {@code momentum_buffer} (b) when momentum is positive,
 * {@code grad_avg} (a) when centered. A buffer value that falls below the normal float range is
 * stored as zero ({@link Optimizer#flushSubnormal}).
 */
public final class RMSprop extends Optimizer {
    /**
     * RMSprop's hyperparameters, validated on construction.
     *
     * @param lr          learning rate, {@code >= 0} (PyTorch's default 1e-2)
     * @param alpha       smoothing constant, in {@code [0, 1)} (0.99)
     * @param eps         added to the denominator, {@code >= 0} (1e-8)
     * @param weightDecay L2 penalty added to the gradient, {@code >= 0} (0)
     * @param momentum    momentum factor, {@code >= 0} (0)
     * @param centered    normalise by the estimated variance instead of the second moment (false)
     */
    public record Options(float lr, float alpha, float eps, float weightDecay, float momentum, boolean centered) {
        /** Validates every field. */
        public Options {
            checkNonNegative("RMSprop: learning rate", lr);
            checkRange("RMSprop: alpha", alpha, 0f, 1f);
            checkNonNegative("RMSprop: eps", eps);
            checkNonNegative("RMSprop: weight decay", weightDecay);
            checkNonNegative("RMSprop: momentum", momentum);
        }

        /** PyTorch's defaults with learning rate {@code lr}. */
        public Options(float lr) {
            this(lr, 0.99f, 1e-8f, 0f, 0f, false);
        }
    }

    private final Options options;

    /** RMSprop over {@code params} with the given options. */
    public RMSprop(List<Tensor> params, Options options) {
        super("RMSprop", params, options.lr());
        this.options = options;
    }

    /** RMSprop with PyTorch's defaults and learning rate {@code lr}. */
    public RMSprop(List<Tensor> params, float lr) {
        this(params, new Options(lr));
    }

    /** The hyperparameters given at construction ({@link #lr()} holds the current learning rate). */
    public Options options() {
        return options;
    }

    @Override
    protected void update(int index, long t, float[] p, float[] grad, int from, int to) {
        float lr = lr();
        float wd = options.weightDecay();
        float alpha = options.alpha();
        float oneMinusAlpha = 1f - alpha;
        float eps = options.eps();
        float mu = options.momentum();
        float[] v = buffer(index, "square_avg");
        float[] a = options.centered() ? buffer(index, "grad_avg") : null;
        float[] b = mu > 0 ? buffer(index, "momentum_buffer") : null;
        for (int j = from; j < to; j++) {
            float g = grad[j] + wd * p[j];
            float vj = flushSubnormal(alpha * v[j] + oneMinusAlpha * g * g);
            v[j] = vj;
            float d;
            if (a != null) {
                float aj = flushSubnormal(a[j] + oneMinusAlpha * (g - a[j]));
                a[j] = aj;
                d = (float) Math.sqrt(vj - aj * aj) + eps;
            } else {
                d = (float) Math.sqrt(vj) + eps;
            }
            if (b != null) {
                float bj = flushSubnormal(mu * b[j] + g / d);
                b[j] = bj;
                p[j] -= lr * bj;
            } else {
                p[j] -= lr * (g / d);
            }
        }
    }

    @Override
    protected List<String> bufferNames() {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (options.momentum() > 0) {
            names.add("momentum_buffer");
        }
        if (options.centered()) {
            names.add("grad_avg");
        }
        return names;
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("alpha", Float.toString(options.alpha()));
        h.put("eps", Float.toString(options.eps()));
        h.put("weight_decay", Float.toString(options.weightDecay()));
        h.put("momentum", Float.toString(options.momentum()));
        h.put("centered", Boolean.toString(options.centered()));
        return h;
    }
}
