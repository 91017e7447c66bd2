package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

/**
 * The cache-blocked, packed GEMM: for each {@code nc}-wide column block of op(B) and each
 * {@code kc}-deep slice of k, pack that block of op(B) once; for each {@code mc}-tall row block of
 * op(A), pack it and sweep the micro-kernel over its tiles, row panel by row panel.
 *
 * <p>Threads share each packed B block: the {@link Parallel#threads()} tasks pack its panels
 * together, then split C statically by row panels (each packing only its own A rows, so nothing is
 * packed twice) or, when m is too short, by column panels. Each tile is computed identically
 * wherever it lies, so the result does not depend on the split or the thread count. Packing
 * buffers are kept per thread and grown on demand, never allocated per call once warm.
 */
final class GemmBlocked {
    /**
     * The block sizes tuned on this project's machine (AMD EPYC Zen 3: 32 KB L1d and 512 KB L2 per
     * core, 32 MB L3): the A micro-panel (6 x 256 floats, 6 KB) sits in L1 beside the B micro-panel
     * streaming through; the packed B block (256 x 1024 floats, 1 MB) is read once per row panel
     * from L2/L3; mc = 288 keeps A packing in large, cheap runs.
     */
    static final Blocking DEFAULT = new Blocking(288, 256, 1024);

    /**
     * Cache block sizes: {@code mc} rows of a packed A block (a multiple of MR), {@code kc} the
     * k-depth of a packed slice, {@code nc} columns of a packed B block (a multiple of NR).
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
        int rowPanels = ceilDiv(m, MR);
        int tasks = (int) Math.min(Math.min(Parallel.threads(), Math.max(rowPanels, ceilDiv(n, NR))),
                Math.max(1, work / MIN_WORK_PER_TASK));
        // split rows when each task gets at least two row panels: then no packing is duplicated
        boolean splitRows = rowPanels >= 2 * tasks;
        int bk = bl.kc();
        int bn = bl.nc();
        float[] bufB = SCRATCH.get().b(ceilDiv(Math.min(bn, n), NR) * NR * Math.min(bk, k));
        for (int jc = 0; jc < n; jc += bn) {
            int nc = Math.min(bn, n - jc);
            int colPanels = ceilDiv(nc, NR);
            for (int pc = 0; pc < k; pc += bk) {
                int kc = Math.min(bk, k - pc);
                float betaK = pc == 0 ? beta : 1f;
                int j0 = jc;
                int p0 = pc;
                // the packed B block is shared: every task packs some of its panels, then all read it
                if (tasks == 1) {
                    GemmPack.packB(bufB, 0, transB, b, bOff, ldb, p0, kc, j0, nc);
                } else {
                    Parallel.forTasks(tasks, t -> {
                        int q0 = part(colPanels, t, tasks);
                        int q1 = part(colPanels, t + 1, tasks);
                        GemmPack.packB(bufB, q0 * NR * kc, transB, b, bOff, ldb, p0, kc,
                                j0 + q0 * NR, Math.min(nc, q1 * NR) - q0 * NR);
                    });
                }
                if (tasks == 1) {
                    block(bl, transA, 0, m, 0, nc, p0, kc, j0, alpha, a, aOff, lda, bufB, betaK, c, cOff, ldc);
                } else {
                    Parallel.forTasks(tasks, t -> {
                        if (splitRows) {
                            block(bl, transA, part(rowPanels, t, tasks) * MR, Math.min(m, part(rowPanels, t + 1, tasks) * MR),
                                    0, nc, p0, kc, j0, alpha, a, aOff, lda, bufB, betaK, c, cOff, ldc);
                        } else {
                            block(bl, transA, 0, m, part(colPanels, t, tasks) * NR,
                                    Math.min(nc, part(colPanels, t + 1, tasks) * NR),
                                    p0, kc, j0, alpha, a, aOff, lda, bufB, betaK, c, cOff, ldc);
                        }
                    });
                }
            }
        }
    }

    /** Start of share {@code t} of {@code units} split into {@code parts}. */
    private static int part(int units, int t, int parts) {
        return (int) ((long) units * t / parts);
    }

    /**
     * Rows {@code [i0, i1)} times the packed B block's columns {@code [q0, q1)} (relative to
     * {@code jc}, multiples of NR but the last): packs A in MC-row blocks into this thread's
     * buffer and sweeps the micro-kernel.
     */
    private static void block(Blocking bl, boolean transA, int i0, int i1, int q0, int q1, int pc, int kc, int jc,
                              float alpha, float[] a, int aOff, int lda, float[] bufB,
                              float beta, float[] c, int cOff, int ldc) {
        if (i1 <= i0 || q1 <= q0) {
            return;
        }
        int bm = bl.mc();
        Scratch s = SCRATCH.get();
        float[] bufA = s.a(ceilDiv(Math.min(bm, i1 - i0), MR) * MR * kc);
        for (int ic = i0; ic < i1; ic += bm) {
            int mc = Math.min(bm, i1 - ic);
            GemmPack.packA(bufA, transA, a, aOff, lda, ic, mc, pc, kc);
            macro(kc, mc, q0, q1, bufA, bufB, s.tile, alpha, beta, c, cOff + ic * ldc + jc, ldc);
        }
    }

    /** Sweeps the micro-kernel over packed A rows {@code [0, mc)} and packed B columns {@code [q0, q1)}. */
    private static void macro(int kc, int mc, int q0, int q1, float[] bufA, float[] bufB, float[] tile,
                              float alpha, float beta, float[] c, int co, int ldc) {
        // rows outer: the A micro-panel stays in L1 while B micro-panels stream past it, and
        // consecutive tiles are neighbours in C, which the hardware prefetchers follow (walking
        // down a column of tiles instead strides by 6 rows of C, past any prefetcher, and measured
        // up to a third slower at n = 2048)
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int ao = ir * kc;
            for (int jr = q0; jr < q1; jr += NR) {
                int cols = Math.min(NR, q1 - jr);
                int bo = jr * kc;
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
