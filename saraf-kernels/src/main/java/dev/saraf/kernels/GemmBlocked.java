package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

/**
 * The cache-blocked, packed GEMM (the BLIS loop order): for each {@code NC}-wide column block of
 * op(B) and each {@code KC}-deep slice of k, pack op(B) once (it stays in L3 and its micro-panels
 * in L1); for each {@code MC}-tall row block of op(A), pack it (it stays in L2) and sweep the
 * micro-kernel over all tiles.
 *
 * <p>C is split statically over {@link Parallel#threads()} tasks along the longer of m and n, in
 * whole tiles. Each tile is computed identically wherever it lies, so the result is the same for
 * every split; each thread packs into its own buffers, kept per thread and grown on demand.
 */
final class GemmBlocked {
    /** The block sizes tuned for this machine's caches (AMD EPYC Zen 3: 32 KB L1d, 512 KB L2 per core). */
    static final Blocking DEFAULT = new Blocking(144, 256, (4096 / NR) * NR - NR);

    /**
     * Cache block sizes. {@code kc}: k-depth of a packed slice; an A and a B micro-panel
     * ({@code (MR + NR) * kc} floats, 22 KB at 256) share L1. {@code mc}: rows of a packed A block,
     * kept in L2 ({@code mc * kc} floats, 144 KB at 144 x 256). {@code nc}: columns of a packed B
     * block, kept in L3 ({@code kc * nc} floats, 4 MB per thread at 4080).
     */
    record Blocking(int mc, int kc, int nc) {
        Blocking {
            if (mc < MR || mc % MR != 0 || kc < 1 || nc < NR || nc % NR != 0) {
                throw new IllegalArgumentException("bad GEMM blocking mc=" + mc + " kc=" + kc + " nc=" + nc
                        + " (mc a multiple of " + MR + ", nc a multiple of " + NR + ")");
            }
        }
    }

    /** Below this many multiply-adds per task, extra threads cost more than they save. */
    private static final long MIN_WORK_PER_TASK = 1L << 17;

    /** Per-thread packing buffers; pool threads live as long as the process, so these are reused. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private GemmBlocked() {}

    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(DEFAULT, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** As {@link Gemm#sgemm}, with the given block sizes (tests use tiny ones to cross every block edge). */
    static void sgemm(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        boolean splitN = n >= m;
        int units = splitN ? ceilDiv(n, NR) : ceilDiv(m, MR);
        int tasks = (int) Math.min(Math.min(Parallel.threads(), units), Math.max(1, work / MIN_WORK_PER_TASK));
        if (tasks <= 1) {
            run(bl, transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        final int parts = tasks;
        Parallel.forTasks(parts, t -> {
            int u0 = (int) ((long) units * t / parts);
            int u1 = (int) ((long) units * (t + 1) / parts);
            if (splitN) {
                run(bl, transA, transB, 0, m, u0 * NR, Math.min(n, u1 * NR), k,
                        alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                run(bl, transA, transB, u0 * MR, Math.min(m, u1 * MR), 0, n, k,
                        alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        });
    }

    /** Computes the C block rows {@code [i0, i1)}, columns {@code [j0, j1)} on the calling thread. */
    private static void run(Blocking bl, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                            float alpha, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        if (i1 <= i0 || j1 <= j0) {
            return;
        }
        int bm = bl.mc();
        int bk = bl.kc();
        int bn = bl.nc();
        Scratch s = SCRATCH.get();
        int kcMax = Math.min(bk, k);
        float[] bufB = s.b(ceilDiv(Math.min(bn, j1 - j0), NR) * NR * kcMax);
        float[] bufA = s.a(ceilDiv(Math.min(bm, i1 - i0), MR) * MR * kcMax);
        float[] tile = s.tile;
        for (int jc = j0; jc < j1; jc += bn) {
            int nc = Math.min(bn, j1 - jc);
            for (int pc = 0; pc < k; pc += bk) {
                int kc = Math.min(bk, k - pc);
                float betaK = pc == 0 ? beta : 1f;
                GemmPack.packB(bufB, transB, b, bOff, ldb, pc, kc, jc, nc);
                for (int ic = i0; ic < i1; ic += bm) {
                    int mc = Math.min(bm, i1 - ic);
                    GemmPack.packA(bufA, transA, a, aOff, lda, ic, mc, pc, kc);
                    macro(kc, mc, nc, bufA, bufB, tile, alpha, betaK, c, cOff + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /** Sweeps the micro-kernel over one packed {@code [mc, kc]} x {@code [kc, nc]} block pair. */
    private static void macro(int kc, int mc, int nc, float[] bufA, float[] bufB, float[] tile,
                              float alpha, float beta, float[] c, int co, int ldc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int ao = ir * kc;
                int ci = co + ir * ldc + jr;
                if (rows == MR && cols == NR) {
                    GemmKernel.tile(kc, bufA, ao, bufB, bo, alpha, beta, c, ci, ldc);
                } else {
                    GemmKernel.tile(kc, bufA, ao, bufB, bo, 1f, 0f, tile, 0, NR);
                    GemmKernel.merge(tile, rows, cols, alpha, beta, c, ci, ldc);
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
