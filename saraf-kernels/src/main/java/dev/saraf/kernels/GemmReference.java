package dev.saraf.kernels;

/** Plain triple-loop GEMM: the reference the fast kernel is tested against (double accumulation). */
public final class GemmReference {
    private GemmReference() {}

    /** Same contract as {@link Gemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                float prev = beta == 0f ? 0f : beta * c[ci];
                c[ci] = (float) (alpha * acc) + prev;
            }
        }
    }
}
