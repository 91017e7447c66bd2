package dev.saraf.kernels;

/** Plain loops of {@link DropoutKernels}: the reference the vector kernel is checked against. */
final class DropoutReference {
    private DropoutReference() {}

    /** Elements {@code [0, n)} of a run whose first element has index {@code first} in the call. */
    static void apply(int k0, int k1, int threshold, float scale, int first, float[] x, int xo, float[] mask, int mo,
                      float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float m = DropoutKernels.draw(k0, k1, first + i) < threshold ? 0f : scale;
            if (mask != null) {
                mask[mo + i] = m;
            }
            if (x != null) {
                out[oo + i] = x[xo + i] * m;
            }
        }
    }
}
