package dev.saraf.kernels;

/** Plain-loop binary kernels: the references {@link BinaryVector} is tested against. */
final class BinaryReference {
    private BinaryReference() {}

    /** {@code out[i] = op(a[i], b[i])} for {@code i < n}. */
    static void vv(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
        }
    }

    /** {@code out[i] = op(a[i], s)}. */
    static void vs(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i], s);
        }
    }

    /** {@code out[i] = op(s, b[i])}. */
    static void sv(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(s, b[bOff + i]);
        }
    }
}
