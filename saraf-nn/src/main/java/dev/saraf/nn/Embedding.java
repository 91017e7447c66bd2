package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.nn.init.Init;
import dev.saraf.tensor.Tensor;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A lookup table: indices {@code [*]} (whole numbers carried as floats, in {@code [0, count)})
 * give rows {@code [*, dim]}. The weight {@code [count, dim]} starts standard normal, as PyTorch's.
 */
public final class Embedding extends Module {
    private final int count;
    private final int dim;
    private final Tensor weight;

    /** {@code count} vectors of {@code dim} values. */
    public Embedding(int count, int dim, RandomGenerator rng) {
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("Embedding: count and dim must be positive, got " + count + ", " + dim);
        }
        this.count = count;
        this.dim = dim;
        this.weight = registerParameter("weight", Init.normal(Tensor.zeros(count, dim), 0, 1, rng));
    }

    /** The table {@code [count, dim]}. */
    public Tensor weight() {
        return weight;
    }

    @Override
    protected Tensor compute(Tensor indices) {
        return F.embedding(indices, weight);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("Embedding", "count", count, "dim", dim);
    }
}
