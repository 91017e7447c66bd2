package dev.saraf.kernels;

/**
 * Single-precision general matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on
 * row-major arrays with leading dimensions, as in BLAS {@code sgemm} (row-major).
 *
 * <p>{@code op(A)} is {@code [m, k]}: A itself when {@code transA} is false (stored {@code [m, k]}
 * with row stride {@code lda}), else A stored {@code [k, m]}. Likewise {@code op(B)} is
 * {@code [k, n]}. When {@code beta == 0}, C is overwritten and its previous contents (even NaN)
 * are ignored.
 *
 * <p>Runs on up to {@link Parallel#threads()} threads: packed, cache-blocked and register-blocked
 * ({@code GemmBlocked}), or unpacked for tiny products and a few rows of op(A) ({@code
 * GemmDirect}). The result is bit-identical for a given shape whatever the thread count; it may
 * differ from {@link GemmReference} in the last bits (float accumulation, fused multiply-add).
 * With {@code -Dsaraf.kernels=scalar} every call goes to {@link GemmReference}.
 */
public final class Gemm {
    /** Multiply-adds below which the unpacked path is faster (e.g. 32 x 32 x 32). */
    static final long DIRECT_WORK = 1L << 15;
    /** Rows of op(A) up to which packing B costs more than streaming it once per row. */
    static final int DIRECT_ROWS = 4;
    /** Least k at which A B^T with fewer than 16 columns goes to dot products (see {@link #direct}). */
    private static final int DIRECT_DOTS_K = 256;

    private Gemm() {}

    /** Computes {@code C = alpha * op(A) op(B) + beta * C}; dispatches to the fast or scalar kernel. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (KernelMode.scalar()) {
            GemmReference.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m == 0 || n == 0) {
            return;
        } else if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
        } else if (direct(transA, transB, m, n, k)) {
            GemmDirect.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmBlocked.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * {@code C = alpha * op(A) op(B) + beta * C}, then {@code C[i][j] += bias[biasOff + j]} and,
     * with {@code relu}, {@code max(C[i][j], 0)} (NaN kept): a linear layer's bias and activation.
     * The same values, bit for bit, as {@link #sgemm(boolean, boolean, int, int, int, float,
     * float[], int, int, float[], int, int, float, float[], int, int)} followed by
     * {@link MapKernels#addRows}; the packed kernel does it to each tile of C as it finishes it,
     * while the tile is in cache, instead of a pass over C afterwards.
     */
    public static void sgemmBias(boolean transA, boolean transB, int m, int n, int k,
                                 float alpha, float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (bias == null || biasOff < 0 || (long) biasOff + n > bias.length) {
            throw new IllegalArgumentException("sgemm: a bias of " + n + " values from offset " + biasOff + " needs an array of "
                    + ((long) biasOff + n) + ", got " + (bias == null ? "null" : bias.length));
        }
        if (!KernelMode.scalar() && m > 0 && n > 0 && k > 0 && !direct(transA, transB, m, n, k)) {
            GemmBlocked.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    new GemmBlocked.Epilogue(bias, biasOff, relu));
            return;
        }
        sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        if (ldc == n) {
            MapKernels.addRows(c, cOff, m, n, bias, biasOff, relu);
        } else {
            for (int i = 0; i < m; i++) {
                MapKernels.addRows(c, cOff + i * ldc, 1, n, bias, biasOff, relu);
            }
        }
    }

    /**
     * {@code C = alpha * op(A) op(B) + beta * C} with op(A) packed beforehand ({@link PackedA#of}):
     * the same result, bit for bit, as {@link #sgemm(boolean, boolean, int, int, int, float,
     * float[], int, int, float[], int, int, float, float[], int, int)} with A as it was when packed,
     * without packing A again.
     */
    public static void sgemm(PackedA a, boolean transB, int n, float alpha, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        int m = a.m;
        int k = a.k;
        checkArgs(a.transA, transB, m, n, k, a.a, a.aOff, a.lda, b, bOff, ldb, c, cOff, ldc);
        if (a.panels == null || KernelMode.scalar() || n == 0 || direct(a.transA, transB, m, n, k)) {
            sgemm(a.transA, transB, m, n, k, alpha, a.a, a.aOff, a.lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmBlocked.sgemmPacked(a.panels, transB, m, n, k, alpha, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Whether packing would cost more than it saves: tiny products, a few rows of op(A) (a
     * vector-matrix product streams B once either way), and A B^T with fewer columns than one
     * micro-tile and a k of at least {@link #DIRECT_DOTS_K}: dot products along k (both operands
     * contiguous in k) beat a mostly-empty padded tile, e.g. the first conv layer's weight gradient
     * [32, 676] x [676, 9] measured 2.2-2.4x faster. Below that depth the product takes a few
     * microseconds either way (W-MLP's output layer [128, 128] x [128, 10]: 12-19 against 15-22
     * us), and staying on the packed kernel that the rest of a network has already made hot spares
     * the JIT a large Vector API method while training starts: the first W-MLP epoch ran 9% faster
     * (1.15-1.39 s against 1.32-1.57 s, four alternating pairs), its output layer no longer
     * waiting in C1 code for the dot products' C2 compile.
     */
    private static boolean direct(boolean transA, boolean transB, int m, int n, int k) {
        long work = (long) m * n * k;
        return work < DIRECT_WORK || (m <= DIRECT_ROWS && !(transA && transB))
                || (!transA && transB && n < GemmKernel.NR && k >= DIRECT_DOTS_K);
    }

    /** {@code C = beta * C} for an empty sum (k == 0); beta == 0 clears C, NaN included. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("A", a, aOff, aRows, aCols, lda);
        checkMatrix("B", b, bOff, bRows, bCols, ldb);
        checkMatrix("C", c, cOff, m, n, ldc);
    }

    private static void checkMatrix(String name, float[] x, int off, int rows, int cols, int ld) {
        if (x == null) {
            throw new IllegalArgumentException("sgemm: " + name + " is null");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + " but a row holds " + cols + " elements");
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " [" + rows + ", " + cols + "] at offset " + off
                    + " with leading dimension " + ld + " needs " + last + " elements, array has " + x.length);
        }
    }
}
