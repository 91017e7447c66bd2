package dev.saraf.kernels;

/** The reductions of {@link ReduceKernels}. */
public enum ReduceOp {
    /** Sum (pairwise/blocked, so the error grows with log n rather than n). */
    SUM,
    /** Largest value; NaN if any value is NaN. */
    MAX,
    /** Smallest value; NaN if any value is NaN. */
    MIN;

    /** The value of an empty reduction: 0, -inf, +inf. */
    public float identity() {
        return switch (this) {
            case SUM -> 0f;
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
        };
    }

    /** Combines two partial results. */
    public float combine(float x, float y) {
        return switch (this) {
            case SUM -> x + y;
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    BinaryOp rowOp() {
        return switch (this) {
            case SUM -> BinaryOp.ADD;
            case MAX -> BinaryOp.MAX;
            case MIN -> BinaryOp.MIN;
        };
    }
}
