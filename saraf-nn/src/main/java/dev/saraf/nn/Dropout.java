package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.tensor.Tensor;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout (Srivastava et al. 2014): in training, zeroes each element with probability
 * {@code p} and scales the others by {@code 1/(1-p)}; in eval mode, the identity. Masks come from
 * the generator given at construction, so a seeded model drops the same elements every run.
 * Shape unchanged.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator rng;

    /** Drops with probability {@code p} in {@code [0, 1]}, masks drawn from {@code rng}. */
    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = java.util.Objects.requireNonNull(rng, "rng");
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return F.dropout(x, p, isTraining(), rng);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Dropout", "p", p);
    }
}
