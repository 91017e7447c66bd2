package dev.saraf.kernels;

/**
 * Single-precision general matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on
 * row-major arrays with leading dimensions, as in BLAS {@code sgemm} (row-major).
 *
 * <p>{@code op(A)} is {@code [m, k]}: A itself when {@code transA} is false (stored {@code [m, k]}
 * with row stride {@code lda}), else A stored {@code [k, m]}. Likewise {@code op(B)} is
 * {@code [k, n]}. When {@code beta == 0}, C is overwritten and its previous contents (even NaN)
 * are ignored.
 */
public final class Gemm {
    private Gemm() {}

    /** Computes {@code C = alpha * op(A) op(B) + beta * C}; dispatches to the fast or scalar kernel. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        checkArgs(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        GemmReference.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
