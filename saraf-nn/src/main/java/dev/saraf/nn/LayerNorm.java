package dev.saraf.nn;

import dev.saraf.nn.functional.F;
import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016) over the trailing axes {@code normalizedShape}
 * of {@code [*, normalizedShape]}, shape unchanged, the same in training and eval. Parameters
 * {@code weight} (ones) and {@code bias} (zeros) of shape {@code normalizedShape} when affine.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code eps = 1e-5}, affine. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** Every option. */
    public LayerNorm(int[] normalizedShape, double eps, boolean affine) {
        if (normalizedShape.length == 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need a non-empty normalized shape and eps > 0");
        }
        for (int d : normalizedShape) {
            if (d < 1) {
                throw new IllegalArgumentException("LayerNorm: normalized shape " + java.util.Arrays.toString(normalizedShape)
                        + " must be positive");
            }
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = affine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return F.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    @Override
    protected Map<String, Object> config() {
        List<Object> shape = new ArrayList<>();
        for (int d : normalizedShape) {
            shape.add(d);
        }
        return Architecture.config("LayerNorm", "shape", shape, "eps", eps, "affine", weight != null);
    }

    @Override
    protected String extraRepr() {
        return "shape=" + java.util.Arrays.toString(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null);
    }
}
