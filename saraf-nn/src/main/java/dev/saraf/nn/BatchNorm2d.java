package dev.saraf.nn;

/** {@link BatchNorm} of {@code [N, C, H, W]} over channel axis 1. */
public final class BatchNorm2d extends BatchNorm {
    /** {@code eps = 1e-5}, {@code momentum = 0.1}, affine, as PyTorch. */
    public BatchNorm2d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    /** Every option. */
    public BatchNorm2d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String layouts() {
        return "[N, C, H, W]";
    }
}
