package dev.saraf.kernels;

/**
 * Sum, max and min reductions over the middle axis of an {@code [outer, r, inner]} row-major
 * block, which covers every reduction of a set of adjacent axes:
 * {@code out[o, k] = op over j of x[o, j, k]}.
 *
 * <p>When {@code inner == 1} each output reduces one contiguous run with the vector kernel; sums
 * are pairwise over blocks of {@value #BLOCK} elements. Otherwise whole rows of {@code inner}
 * values are combined with vector ops (never a stride of {@code inner} per element), and sums are
 * accumulated in blocks of {@value #ROW_BLOCK} rows, whose partial sums are then added. Both keep
 * the float error of a sum of {@code n} values far below the {@code n * eps} of a running sum.
 *
 * <p>Every output element is computed in an order that does not depend on how the work is split,
 * so results are the same, bit for bit, for every thread count.
 */
public final class ReduceKernels {
    /** Contiguous elements reduced directly by the vector kernel; larger runs are split in halves. */
    static final int BLOCK = 1024;
    /** Rows summed into a partial buffer before it is added to the total. */
    static final int ROW_BLOCK = 128;
    /** Contiguous elements per parallel task of a single long reduction (a multiple of BLOCK). */
    static final int CHUNK = 64 * BLOCK;

    private ReduceKernels() {}

    /** Sum of {@code x[off .. off+n)}. */
    public static float sum(float[] x, int off, int n) {
        return contiguous(ReduceOp.SUM, x, off, n);
    }

    /** Largest of {@code x[off .. off+n)}; -inf when {@code n == 0}. */
    public static float max(float[] x, int off, int n) {
        return contiguous(ReduceOp.MAX, x, off, n);
    }

    /** Smallest of {@code x[off .. off+n)}; +inf when {@code n == 0}. */
    public static float min(float[] x, int off, int n) {
        return contiguous(ReduceOp.MIN, x, off, n);
    }

    /** {@code op} over {@code x[off .. off+n)}, in parallel when long. */
    public static float contiguous(ReduceOp op, float[] x, int off, int n) {
        checkRange(x, off, n);
        if (n <= CHUNK) {
            return pairwise(op, x, off, n);
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[] partial = new float[chunks];
        Parallel.forRange(chunks, 1, (f, t) -> {
            for (int c = f; c < t; c++) {
                int from = c * CHUNK;
                partial[c] = pairwise(op, x, off + from, Math.min(CHUNK, n - from));
            }
        });
        return pairwise(op, partial, 0, chunks);
    }

    /**
     * {@code out[outOff + o * inner + k] = op over j < r of x[xOff + (o * r + j) * inner + k]} for
     * {@code o < outer}, {@code k < inner}. With {@code r == 0} the outputs are the identity.
     */
    public static void reduce(ReduceOp op, float[] x, int xOff, int outer, int r, int inner, float[] out, int outOff) {
        if (outer < 0 || r < 0 || inner < 0) {
            throw new IllegalArgumentException("reduce: negative size [" + outer + ", " + r + ", " + inner + "]");
        }
        checkRange(x, xOff, (long) outer * r * inner);
        checkRange(out, outOff, (long) outer * inner);
        if (outer == 0 || inner == 0) {
            return;
        }
        if (inner == 1) {
            if (outer == 1) {
                out[outOff] = contiguous(op, x, xOff, r);
                return;
            }
            Parallel.forRange(outer, Math.max(1, BinaryKernels.GRAIN / Math.max(1, r)), (f, t) -> {
                for (int o = f; o < t; o++) {
                    out[outOff + o] = pairwise(op, x, xOff + o * r, r);
                }
            });
            return;
        }
        // split columns too when there are fewer outer blocks than threads
        int threads = Parallel.threads();
        int colChunks = outer >= threads ? 1 : Math.max(1, Math.min((threads + outer - 1) / outer, inner / 64));
        int width = (inner + colChunks - 1) / colChunks;
        int tasks = outer * colChunks;
        long perTask = (long) r * width;
        int grain = (int) Math.max(1, BinaryKernels.GRAIN / Math.max(1, perTask));
        Parallel.forRange(tasks, grain, (f, t) -> {
            float[] tmp = op == ReduceOp.SUM && r > ROW_BLOCK ? new float[width] : null;
            for (int task = f; task < t; task++) {
                int o = task / colChunks;
                int k0 = (task % colChunks) * width;
                int k1 = Math.min(inner, k0 + width);
                if (k1 > k0) {
                    columns(op, x, xOff + o * r * inner + k0, r, inner, k1 - k0, out, outOff + o * inner + k0, tmp);
                }
            }
        });
    }

    /** {@code out[k] = op over j < r of x[off + j * stride + k]} for {@code k < w}, row by row. */
    private static void columns(ReduceOp op, float[] x, int off, int r, int stride, int w, float[] out, int outOff, float[] tmp) {
        BinaryOp row = op.rowOp();
        if (r == 0) {
            java.util.Arrays.fill(out, outOff, outOff + w, op.identity());
            return;
        }
        if (tmp == null) {
            System.arraycopy(x, off, out, outOff, w);
            for (int j = 1; j < r; j++) {
                BinaryKernels.vv(row, out, outOff, x, off + j * stride, out, outOff, w);
            }
            return;
        }
        for (int j0 = 0; j0 < r; j0 += ROW_BLOCK) {
            int j1 = Math.min(r, j0 + ROW_BLOCK);
            float[] acc = j0 == 0 ? out : tmp;
            int accOff = j0 == 0 ? outOff : 0;
            System.arraycopy(x, off + j0 * stride, acc, accOff, w);
            for (int j = j0 + 1; j < j1; j++) {
                BinaryKernels.vv(row, acc, accOff, x, off + j * stride, acc, accOff, w);
            }
            if (j0 > 0) {
                BinaryKernels.vv(row, out, outOff, tmp, 0, out, outOff, w);
            }
        }
    }

    /** Pairwise over blocks: halves split at a block boundary, each block reduced by one kernel call. */
    static float pairwise(ReduceOp op, float[] x, int off, int n) {
        if (n <= BLOCK) {
            return KernelMode.scalar() ? ReduceReference.block(op, x, off, n) : ReduceVector.block(op, x, off, n);
        }
        int half = ((n / BLOCK + 1) / 2) * BLOCK;
        return op.combine(pairwise(op, x, off, half), pairwise(op, x, off + half, n - half));
    }

    private static void checkRange(float[] x, int off, long n) {
        if (n < 0 || off < 0 || off + n > x.length) {
            throw new IllegalArgumentException("reduce: range [" + off + ", " + (off + n) + ") outside an array of " + x.length);
        }
    }
}
