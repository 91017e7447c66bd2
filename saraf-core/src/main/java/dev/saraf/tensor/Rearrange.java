package dev.saraf.tensor;

import java.util.Arrays;

/**
 * The copying loops behind the movement ops, over row-major {@code float[]} data and plain
 * {@code int[]} dimensions: axis permutation (blocked for cache friendliness), broadcasting and its
 * adjoint (summing), box copies (pad, crop) and gather/scatter along one axis. Package-private:
 * the ops in {@link Movement} validate before calling.
 */
final class Rearrange {
    /** Tile edge of the blocked transpose: 32 x 32 floats = two 4 KiB tiles, well inside L1. */
    private static final int BLOCK = 32;

    private Rearrange() {}

    /**
     * Permutes the axes of {@code src} (dimensions {@code dims}): output axis i is input axis
     * {@code order[i]}. Size-1 axes are dropped and axes that stay adjacent are merged first, so
     * most permutations reduce to contiguous row copies or a batch of blocked 2-D transposes.
     */
    static float[] permute(float[] src, int[] dims, int[] order) {
        float[] out = new float[src.length];
        if (src.length == 0) {
            return out;
        }
        int rank = dims.length;
        int[] inStrides = rowMajorStrides(dims);
        // reduced output axes: size and source stride, merging runs contiguous in both layouts
        int[] size = new int[rank];
        int[] srcStride = new int[rank];
        int m = 0;
        for (int i = 0; i < rank; i++) {
            int d = dims[order[i]];
            if (d == 1) {
                continue;
            }
            int st = inStrides[order[i]];
            if (m > 0 && srcStride[m - 1] == st * d) {
                size[m - 1] *= d;
                srcStride[m - 1] = st;
            } else {
                size[m] = d;
                srcStride[m] = st;
                m++;
            }
        }
        if (m <= 1) {
            System.arraycopy(src, 0, out, 0, src.length); // what remains is the identity
            return out;
        }
        int[] dstStride = rowMajorStrides(Arrays.copyOf(size, m));
        int last = m - 1;
        if (srcStride[last] == 1) {
            // innermost axis contiguous in both: copy rows
            int row = size[last];
            int[] idx = new int[last];
            int rows = src.length / row;
            int s = 0;
            for (int r = 0, d = 0; r < rows; r++, d += row) {
                System.arraycopy(src, s, out, d, row);
                s = advance(idx, size, srcStride, last, s);
            }
            return out;
        }
        // the input's contiguous axis j lands elsewhere: a batch of 2-D transposes between j and last
        int j = 0;
        while (srcStride[j] != 1) {
            j++;
        }
        int[] otherSize = new int[m - 2];
        int[] otherSrc = new int[m - 2];
        int[] otherDst = new int[m - 2];
        for (int i = 0, o = 0; i < last; i++) {
            if (i != j) {
                otherSize[o] = size[i];
                otherSrc[o] = srcStride[i];
                otherDst[o] = dstStride[i];
                o++;
            }
        }
        int rowsA = size[j];
        int colsB = size[last];
        int srcB = srcStride[last];
        int dstA = dstStride[j];
        int batches = src.length / (rowsA * colsB);
        int[] idx = new int[m - 2];
        int sBase = 0;
        int dBase = 0;
        for (int t = 0; t < batches; t++) {
            for (int a0 = 0; a0 < rowsA; a0 += BLOCK) {
                int a1 = Math.min(rowsA, a0 + BLOCK);
                for (int b0 = 0; b0 < colsB; b0 += BLOCK) {
                    int b1 = Math.min(colsB, b0 + BLOCK);
                    for (int a = a0; a < a1; a++) {
                        int d = dBase + a * dstA;
                        int s = sBase + a;
                        for (int b = b0; b < b1; b++) {
                            out[d + b] = src[s + b * srcB];
                        }
                    }
                }
            }
            // step the odometer over the other axes, tracking both offsets
            for (int k = m - 3; k >= 0; k--) {
                sBase += otherSrc[k];
                dBase += otherDst[k];
                if (++idx[k] < otherSize[k]) {
                    break;
                }
                sBase -= otherSrc[k] * otherSize[k];
                dBase -= otherDst[k] * otherSize[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    /** Advances a row-major odometer over axes {@code [0, n)} and returns the new source offset. */
    private static int advance(int[] idx, int[] size, int[] stride, int n, int offset) {
        for (int k = n - 1; k >= 0; k--) {
            offset += stride[k];
            if (++idx[k] < size[k]) {
                return offset;
            }
            offset -= stride[k] * size[k];
            idx[k] = 0;
        }
        return offset;
    }

    /** Row-major strides of {@code dims}. */
    static int[] rowMajorStrides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Source strides for broadcasting {@code srcDims} (aligned to the output's rank) to the output: 0 on stretched axes. */
    private static int[] broadcastStrides(int[] srcDims, int[] outDims) {
        int[] st = rowMajorStrides(srcDims);
        for (int i = 0; i < st.length; i++) {
            if (srcDims[i] == 1 && outDims[i] != 1) {
                st[i] = 0;
            }
        }
        return st;
    }

    /** Materialises {@code src} (dimensions {@code srcDims}, same rank) broadcast to {@code outDims}. */
    static float[] broadcast(float[] src, int[] srcDims, int[] outDims) {
        int n = Shape.of(outDims).numel();
        float[] out = new float[n];
        int rank = outDims.length;
        if (n == 0) {
            return out;
        }
        if (rank == 0) {
            out[0] = src[0];
            return out;
        }
        int[] st = broadcastStrides(srcDims, outDims);
        int row = outDims[rank - 1];
        boolean stretchedRow = st[rank - 1] == 0 && row != 1;
        int[] idx = new int[rank - 1];
        int s = 0;
        for (int d = 0; d < n; d += row) {
            if (stretchedRow) {
                Arrays.fill(out, d, d + row, src[s]);
            } else {
                System.arraycopy(src, s, out, d, row);
            }
            s = advance(idx, outDims, st, rank - 1, s);
        }
        return out;
    }

    /** The adjoint of {@link #broadcast}: sums {@code g} (dimensions {@code outDims}) down to {@code srcDims}. */
    static float[] sumTo(float[] g, int[] outDims, int[] srcDims) {
        float[] acc = new float[Shape.of(srcDims).numel()];
        int rank = outDims.length;
        if (g.length == 0) {
            return acc;
        }
        if (rank == 0) {
            acc[0] = g[0];
            return acc;
        }
        int[] st = broadcastStrides(srcDims, outDims);
        int row = outDims[rank - 1];
        boolean stretchedRow = st[rank - 1] == 0 && row != 1;
        int[] idx = new int[rank - 1];
        int s = 0;
        for (int d = 0; d < g.length; d += row) {
            if (stretchedRow) {
                float sum = 0f;
                for (int i = 0; i < row; i++) {
                    sum += g[d + i];
                }
                acc[s] += sum;
            } else {
                for (int i = 0; i < row; i++) {
                    acc[s + i] += g[d + i];
                }
            }
            s = advance(idx, outDims, st, rank - 1, s);
        }
        return acc;
    }

    /**
     * Copies the box of extent {@code count} starting at {@code srcLo} in {@code src} (dimensions
     * {@code srcDims}) to {@code dstLo} in {@code dst} (dimensions {@code dstDims}, same rank).
     */
    static void copyBox(float[] src, int[] srcDims, int[] srcLo, float[] dst, int[] dstDims, int[] dstLo, int[] count) {
        int rank = count.length;
        long total = 1;
        for (int c : count) {
            total *= c;
        }
        if (total == 0) {
            return;
        }
        if (rank == 0) {
            dst[0] = src[0];
            return;
        }
        int[] ss = rowMajorStrides(srcDims);
        int[] ds = rowMajorStrides(dstDims);
        int s = 0;
        int d = 0;
        for (int i = 0; i < rank; i++) {
            s += srcLo[i] * ss[i];
            d += dstLo[i] * ds[i];
        }
        int row = count[rank - 1];
        int rows = (int) (total / row);
        int[] idx = new int[rank - 1];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, s, dst, d, row);
            for (int k = rank - 2; k >= 0; k--) {
                s += ss[k];
                d += ds[k];
                if (++idx[k] < count[k]) {
                    break;
                }
                s -= ss[k] * count[k];
                d -= ds[k] * count[k];
                idx[k] = 0;
            }
        }
    }

    /**
     * Gathers along the middle axis of {@code src} viewed as {@code [outer, n, inner]}: output
     * {@code [outer, index.length, inner]} with {@code out[o, j, :] = src[o, index[j], :]}.
     */
    static float[] gather(float[] src, int outer, int n, int inner, int[] index) {
        int k = index.length;
        float[] out = new float[outer * k * inner];
        for (int o = 0, d = 0; o < outer; o++) {
            int base = o * n * inner;
            if (inner == 1) {
                for (int j = 0; j < k; j++) {
                    out[d++] = src[base + index[j]];
                }
            } else {
                for (int j = 0; j < k; j++, d += inner) {
                    System.arraycopy(src, base + index[j] * inner, out, d, inner);
                }
            }
        }
        return out;
    }

    /** The adjoint of {@link #gather}: adds {@code g [outer, index.length, inner]} into a zero {@code [outer, n, inner]}. */
    static float[] scatterAdd(float[] g, int outer, int n, int inner, int[] index) {
        int k = index.length;
        float[] out = new float[outer * n * inner];
        for (int o = 0, s = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int j = 0; j < k; j++) {
                int d = base + index[j] * inner;
                for (int i = 0; i < inner; i++) {
                    out[d + i] += g[s++];
                }
            }
        }
        return out;
    }
}
