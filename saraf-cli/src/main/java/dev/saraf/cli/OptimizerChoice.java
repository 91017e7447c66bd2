package dev.saraf.cli;

import dev.saraf.optim.Adagrad;
import dev.saraf.optim.Adam;
import dev.saraf.optim.AdamW;
import dev.saraf.optim.Optimizer;
import dev.saraf.optim.RMSprop;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import java.util.List;

/** The optimisers {@code saraf train --optimizer} offers, each with PyTorch's default learning rate. */
enum OptimizerChoice {
    /** Adam (Kingma and Ba, 2015), lr 1e-3. */
    ADAM(1e-3),
    /** AdamW (Loshchilov and Hutter, 2019), lr 1e-3, weight decay 0.01. */
    ADAMW(1e-3),
    /** SGD with momentum 0.9, lr 0.01. */
    SGD(0.01),
    /** RMSprop, lr 0.01. */
    RMSPROP(0.01),
    /** Adagrad, lr 0.01. */
    ADAGRAD(0.01);

    private final double defaultLr;

    OptimizerChoice(double defaultLr) {
        this.defaultLr = defaultLr;
    }

    /** The learning rate used when {@code --lr} is not given. */
    double defaultLr() {
        return defaultLr;
    }

    /** The name on the command line and in report files. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** An optimiser of this kind over {@code params}. */
    Optimizer create(List<Tensor> params, double lr) {
        float r = (float) lr;
        return switch (this) {
            case ADAM -> new Adam(params, r);
            case ADAMW -> new AdamW(params, r);
            case SGD -> new dev.saraf.optim.SGD(params, r, 0.9f);
            case RMSPROP -> new RMSprop(params, r);
            case ADAGRAD -> new Adagrad(params, r);
        };
    }
}
