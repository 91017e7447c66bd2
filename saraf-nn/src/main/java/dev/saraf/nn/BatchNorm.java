package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.tensor.Tensor;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over channel axis 1 of {@code [N, C, *]}, shape
 * unchanged. In training it normalises with the batch's statistics and updates the running mean
 * and (unbiased) variance, {@code running = (1 - momentum) running + momentum batch}; in eval mode
 * it uses the running statistics. Parameters {@code weight} (ones) and {@code bias} (zeros) when
 * affine; buffers {@code running_mean}, {@code running_var} and {@code num_batches_tracked}, named
 * as PyTorch names them.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batchesTracked;

    BatchNorm(int features, double eps, double momentum, boolean affine) {
        if (features < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(typeName() + ": need features >= 1, eps > 0, momentum in [0, 1]; got features="
                    + features + ", eps=" + eps + ", momentum=" + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.ones(features)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
        this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
    }

    /** The input ranks this layer accepts, for its error message. */
    abstract boolean acceptsRank(int rank);

    /** The input layouts this layer accepts, for its error message. */
    abstract String layouts();

    /** The running mean {@code [C]} (live). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running variance {@code [C]} (live). */
    public Tensor runningVar() {
        return runningVar;
    }

    /** The scale {@code [C]}, or {@code null} when not affine. */
    public Tensor weight() {
        return weight;
    }

    /** The shift {@code [C]}, or {@code null} when not affine. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected final Tensor compute(Tensor x) {
        if (!acceptsRank(x.rank()) || x.size(1) != features) {
            throw new IllegalArgumentException("batchNorm: input must be " + layouts() + " with C=" + features + ", got " + x.shape());
        }
        Tensor y = F.batchNorm(x, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
        if (isTraining()) {
            batchesTracked.data()[0] += 1f;
        }
        return y;
    }

    @Override
    protected final Map<String, Object> config() {
        return Architecture.config(typeName(), "features", features, "eps", eps, "momentum", momentum, "affine", weight != null);
    }
}
