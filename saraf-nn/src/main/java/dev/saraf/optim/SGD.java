package dev.saraf.optim;

import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum (Polyak's heavy ball, or Nesterov's
 * accelerated gradient as formulated by Sutskever et al., "On the importance of initialization
 * and momentum in deep learning", ICML 2013) and L2 weight decay; plain gradient descent when
 * {@code momentum} is 0. The update rule is PyTorch's {@code torch.optim.SGD}, for a parameter
 * {@code p} with gradient {@code g} at step {@code t}:
 *
 * <pre>
 *   g = g + weightDecay * p
 *   if momentum != 0:
 *       b = (t == 1) ? g : momentum * b + (1 - dampening) * g
 *       g = nesterov ? g + momentum * b : b
 *   p = p - lr * g
 * </pre>
 *
 * Buffers: {@code momentum_buffer} (when momentum is non-zero), stored as zero where it falls
 * below the normal float range ({@link Optimizer#flushSubnormal}).
 */
public final class SGD extends Optimizer {
    /**
     * SGD's hyperparameters, validated on construction.
     *
     * @param lr          learning rate, {@code >= 0}
     * @param momentum    momentum factor, {@code >= 0} (0: none)
     * @param dampening   dampening of the momentum, in {@code [0, 1]}
     * @param weightDecay L2 penalty coefficient, {@code >= 0}
     * @param nesterov    Nesterov momentum (needs momentum {@code > 0} and dampening 0)
     */
    public record Options(float lr, float momentum, float dampening, float weightDecay, boolean nesterov) {
        /** Validates every field. */
        public Options {
            checkNonNegative("SGD: learning rate", lr);
            checkNonNegative("SGD: momentum", momentum);
            checkRange("SGD: dampening", dampening, 0f, Math.nextUp(1f));
            checkNonNegative("SGD: weight decay", weightDecay);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
        }

        /** Plain gradient descent with learning rate {@code lr}. */
        public Options(float lr) {
            this(lr, 0f, 0f, 0f, false);
        }

        /** Heavy-ball momentum, no dampening, no weight decay. */
        public Options(float lr, float momentum) {
            this(lr, momentum, 0f, 0f, false);
        }
    }

    private final Options options;

    /** SGD over {@code params} with the given options. */
    public SGD(List<Tensor> params, Options options) {
        super("SGD", params, options.lr());
        this.options = options;
    }

    /** Plain gradient descent. */
    public SGD(List<Tensor> params, float lr) {
        this(params, new Options(lr));
    }

    /** SGD with heavy-ball momentum. */
    public SGD(List<Tensor> params, float lr, float momentum) {
        this(params, new Options(lr, momentum));
    }

    /** The hyperparameters given at construction ({@link #lr()} holds the current learning rate). */
    public Options options() {
        return options;
    }

    @Override
    protected void update(int index, long t, float[] p, float[] grad, int from, int to) {
        float lr = lr();
        float wd = options.weightDecay();
        float mu = options.momentum();
        if (mu == 0f) {
            for (int j = from; j < to; j++) {
                float g = grad[j] + wd * p[j];
                p[j] -= lr * g;
            }
            return;
        }
        float[] b = buffer(index, "momentum_buffer");
        float keep = 1f - options.dampening();
        boolean first = t == 1;
        boolean nesterov = options.nesterov();
        for (int j = from; j < to; j++) {
            float g = grad[j] + wd * p[j];
            float buf = flushSubnormal(first ? g : mu * b[j] + keep * g);
            b[j] = buf;
            p[j] -= lr * (nesterov ? g + mu * buf : buf);
        }
    }

    @Override
    protected List<String> bufferNames() {
        return options.momentum() == 0f ? List.of() : List.of("momentum_buffer");
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("momentum", Float.toString(options.momentum()));
        h.put("dampening", Float.toString(options.dampening()));
        h.put("weight_decay", Float.toString(options.weightDecay()));
        h.put("nesterov", Boolean.toString(options.nesterov()));
        return h;
    }
}
