package dev.saraf.kernels;

/** Plain-loop reductions of one block: the references {@link ReduceVector} is tested against. */
final class ReduceReference {
    private ReduceReference() {}

    /** {@code op} over {@code x[off .. off+n)}, left to right (sums in double, rounded once). */
    static float block(ReduceOp op, float[] x, int off, int n) {
        if (op == ReduceOp.SUM) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[off + i];
            }
            return (float) s;
        }
        float acc = op.identity();
        for (int i = 0; i < n; i++) {
            acc = op.combine(acc, x[off + i]);
        }
        return acc;
    }
}
