package dev.saraf.kernels;

/** Axis merging for strided iteration over a row-major output. */
final class Strided {
    private Strided() {}

    /**
     * Drops axes of size 1 and merges neighbouring axes {@code d, d+1} where every operand's
     * stride satisfies {@code s[d] == s[d+1] * dims[d+1]} (both contiguous, or both repeated), so
     * that the innermost run is as long as possible. Returns {@code {dims, strides...}}, with at
     * least one axis.
     */
    static int[][] merge(int[] dims, int[]... strides) {
        int k = strides.length;
        int[] md = new int[Math.max(1, dims.length)];
        int[][] ms = new int[k][md.length];
        int r = 0;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            boolean mergeable = r > 0;
            for (int j = 0; j < k && mergeable; j++) {
                mergeable = ms[j][r - 1] == strides[j][d] * dims[d];
            }
            if (mergeable) {
                md[r - 1] *= dims[d];
                for (int j = 0; j < k; j++) {
                    ms[j][r - 1] = strides[j][d];
                }
            } else {
                md[r] = dims[d];
                for (int j = 0; j < k; j++) {
                    ms[j][r] = strides[j][d];
                }
                r++;
            }
        }
        if (r == 0) {
            md[0] = 1;
            r = 1;
        }
        int[][] result = new int[k + 1][];
        result[0] = java.util.Arrays.copyOf(md, r);
        for (int j = 0; j < k; j++) {
            result[j + 1] = java.util.Arrays.copyOf(ms[j], r);
        }
        return result;
    }
}
