package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

/**
 * The cache-blocked, packed GEMM. For each {@code kc}-deep slice of k: pack that slice of op(A)
 * once (each task its own rows); then for each {@code nc}-wide column block of op(B), pack that
 * block and sweep the micro-kernel over the tiles, row panel by row panel: the A micro-panel stays
 * in L1 while the B micro-panels stream past it, and consecutive tiles are neighbours in C, which
 * the hardware prefetchers follow (walking down a column of tiles instead strides by 6 rows of C,
 * past any prefetcher, and measured up to a third slower at n = 2048).
 *
 * <p>Threads share each packed B block: the {@link Parallel#threads()} tasks pack its panels
 * together, then split C statically by row panels (each task packs only its own A rows, so
 * nothing is packed twice) or, when m is too short, by column panels. Each tile is computed
 * identically wherever it lies, so the result does not depend on the split or the thread count.
 * Packing buffers are kept per calling thread and grown on demand, never allocated per call once
 * warm.
 */
final class GemmBlocked {
    /**
     * The block sizes tuned on this project's machine (AMD EPYC Zen 3: 32 KB L1d and 512 KB L2 per
     * core, 32 MB L3): the A micro-panel (6 x at most 384 floats, 9 KB) sits in L1 beside the B
     * micro-panel streaming through; the packed B block (up to 384 x 1024 floats) is read from
     * L2/L3 once per row panel (measured: nc = 1024 beat 256, 384 and 512 at n = 2048, where fewer
     * blocks also mean fewer passes of the A micro-panels through L1). k is split into equal
     * slices of at most 384 ({@link #sliceDepth}): the conv shapes' k = 288 and 576 take one and
     * two slices (measured 1-4% faster than 256 + 32 and 256 + 256 + 64), k = 1024 and 2048 take
     * slices of 344 (measured 1% and 6% faster than 256; k = 9216, 3% slower than 288).
     */
    static final Blocking DEFAULT = new Blocking(3072, 384, 1024);

    /**
     * Block sizes: {@code mb} rows of C per pass (a multiple of MR; bounds the packed A slices,
     * 4.5 MB at 3072 x 384, however tall A is), {@code kc} the most k-depth of a packed slice, {@code nc}
     * columns of a packed B block (a multiple of NR).
     */
    record Blocking(int mb, int kc, int nc) {
        Blocking {
            if (mb < MR || mb % MR != 0 || kc < 1 || nc < NR || nc % NR != 0) {
                throw new IllegalArgumentException("bad GEMM blocking mb=" + mb + " kc=" + kc + " nc=" + nc
                        + " (mb a multiple of " + MR + ", nc a multiple of " + NR + ")");
            }
        }
    }

    /**
     * Most elements of a B stored [n, k] (op(B) = B^T) that is transposed without first copying
     * its rows: 1 MB. Measured: direct 1.04-1.14x on [0,1,64,288,576] (166 K elements) and
     * 1.05-1.07x on [0,1,*,256,784] (200 K); but 0.91x on [0,1,128,9216,128] (1.2 M, from memory).
     */
    private static final long BT_DIRECT = 1L << 18;

    /** Below this many multiply-adds per task, extra threads cost more than they save. */
    private static final long MIN_WORK_PER_TASK = 1L << 17;

    /** Per-thread packing buffers; pool threads live as long as the process, so these are reused. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private GemmBlocked() {}

    /** The calling thread's buffers: the shared B block, one A slice per task, edge tiles per task. */
    private static final class Scratch {
        float[] b = new float[0];
        float[][] a = new float[0][];
        float[][] tile = new float[0][];
        float[][] rows = new float[0][];

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        /** Makes room for {@code tasks} A slices of {@code size} floats each, and B^T rows {@code kc} deep. */
        void reserve(int tasks, int size, int kc) {
            if (a.length < tasks) {
                a = java.util.Arrays.copyOf(a, tasks);
                tile = java.util.Arrays.copyOf(tile, tasks);
                rows = java.util.Arrays.copyOf(rows, tasks);
            }
            for (int t = 0; t < tasks; t++) {
                if (a[t] == null || a[t].length < size) {
                    a[t] = new float[size];
                }
                if (tile[t] == null) {
                    tile[t] = new float[MR * NR];
                }
                if (rows[t] == null || rows[t].length < NR * kc) {
                    rows[t] = new float[NR * kc];
                }
            }
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
        if (independentTasks(bl, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc)) {
            return;
        }
        for (int i = 0; i < m; i += bl.mb()) {
            int rows = Math.min(bl.mb(), m - i);
            int rowOff = transA ? aOff + i : aOff + i * lda;
            rowBlock(bl, transA, transB, rows, n, k, alpha, a, rowOff, lda, b, bOff, ldb, beta, c, cOff + i * ldc, ldc);
        }
    }

    /**
     * Below this many multiply-adds, threads split C into independent parts, each a whole
     * single-threaded GEMM with its own packing: one fan-out per call instead of three per k-slice
     * around a shared packed block. The packing a part repeats (all of op(B) for a row split, all
     * of op(A) for a column split) costs a fraction {@code threads / m} (or {@code / n}) of the
     * arithmetic; the barriers it saves dominated the W-MLP training step on two threads (a third
     * of its samples were threads waiting at them).
     */
    private static final long INDEPENDENT_WORK = 1L << 28;

    /**
     * Runs the product as independent row or column parts when it is small enough and there are
     * several threads; false when it did nothing. Parts start at multiples of the tile size, so
     * every tile is computed as in the unsplit product.
     */
    private static boolean independentTasks(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                                            float alpha, float[] a, int aOff, int lda,
                                            float[] b, int bOff, int ldb,
                                            float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int threads = Parallel.threads();
        if (threads <= 1 || work >= INDEPENDENT_WORK) {
            return false;
        }
        int rowPanels = ceilDiv(m, MR);
        int colPanels = ceilDiv(n, NR);
        // a row split repeats op(B)'s packing (k x n), a column split op(A)'s (m x k)
        boolean byRows = n <= m ? rowPanels >= 2 : colPanels < 2;
        int units = byRows ? rowPanels : colPanels;
        int tasks = (int) Math.min(Math.min(threads, units), work / MIN_WORK_PER_TASK);
        if (tasks <= 1) {
            return false;
        }
        Parallel.forTasks(tasks, t -> Parallel.withThreads(1, () -> {
            int u0 = part(units, t, tasks);
            int u1 = part(units, t + 1, tasks);
            if (byRows) {
                int i0 = u0 * MR;
                int i1 = Math.min(m, u1 * MR);
                sgemm(bl, transA, transB, i1 - i0, n, k, alpha, a, transA ? aOff + i0 : aOff + i0 * lda, lda,
                        b, bOff, ldb, beta, c, cOff + i0 * ldc, ldc);
            } else {
                int j0 = u0 * NR;
                int j1 = Math.min(n, u1 * NR);
                sgemm(bl, transA, transB, m, j1 - j0, k, alpha, a, aOff, lda,
                        b, transB ? bOff + j0 * ldb : bOff + j0, ldb, beta, c, cOff + j0, ldc);
            }
        }));
        return true;
    }

    /** One pass over at most {@code mb} rows of C. */
    private static void rowBlock(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                                 float alpha, float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int rowPanels = ceilDiv(m, MR);
        int tasks = (int) Math.min(Math.min(Parallel.threads(), Math.max(rowPanels, ceilDiv(n, NR))),
                Math.max(1, work / MIN_WORK_PER_TASK));
        // split rows when each task gets at least two row panels: then no packing is duplicated
        boolean splitRows = rowPanels >= 2 * tasks;
        int aSlices = splitRows ? tasks : 1;
        int bk = sliceDepth(k, bl.kc());
        int bn = bl.nc();
        Scratch s = SCRATCH.get();
        float[] bufB = s.b(ceilDiv(Math.min(bn, n), NR) * NR * Math.min(bk, k));
        s.reserve(tasks, ceilDiv(rowPanels, aSlices) * MR * Math.min(bk, k), Math.min(bk, k));
        float[][] bufA = s.a;
        float[][] tiles = s.tile;
        // B^T panels: transposed straight from B when B is small enough to stay cached between
        // calls, else through per-task row copies (see GemmPack.packB)
        boolean copyRows = (long) n * k > BT_DIRECT;
        float[][] rows = s.rows;
        for (int pc = 0; pc < k; pc += bk) {
            int kc = Math.min(bk, k - pc);
            float betaK = pc == 0 ? beta : 1f;
            int p0 = pc;
            // each task's rows of this k-slice of A, packed once and reused for every column block
            if (aSlices == 1) {
                GemmPack.packA(bufA[0], transA, a, aOff, lda, 0, m, p0, kc);
            } else {
                Parallel.forTasks(tasks, t -> {
                    int i0 = part(rowPanels, t, tasks) * MR;
                    int i1 = Math.min(m, part(rowPanels, t + 1, tasks) * MR);
                    GemmPack.packA(bufA[t], transA, a, aOff, lda, i0, i1 - i0, p0, kc);
                });
            }
            for (int jc = 0; jc < n; jc += bn) {
                int nc = Math.min(bn, n - jc);
                int colPanels = ceilDiv(nc, NR);
                int j0 = jc;
                // the packed B block is shared: every task packs some of its panels, then all read it
                if (tasks == 1) {
                    GemmPack.packB(bufB, 0, transB, b, bOff, ldb, p0, kc, j0, nc, copyRows ? rows[0] : null);
                    macro(kc, m, 0, nc, bufA[0], bufB, tiles[0], alpha, betaK, c, cOff + j0, ldc);
                    continue;
                }
                Parallel.forTasks(tasks, t -> {
                    int q0 = part(colPanels, t, tasks);
                    int q1 = part(colPanels, t + 1, tasks);
                    GemmPack.packB(bufB, q0 * NR * kc, transB, b, bOff, ldb, p0, kc,
                            j0 + q0 * NR, Math.min(nc, q1 * NR) - q0 * NR, copyRows ? rows[t] : null);
                });
                Parallel.forTasks(tasks, t -> {
                    if (splitRows) {
                        int i0 = part(rowPanels, t, tasks) * MR;
                        int i1 = Math.min(m, part(rowPanels, t + 1, tasks) * MR);
                        macro(kc, i1 - i0, 0, nc, bufA[t], bufB, tiles[t], alpha, betaK, c, cOff + i0 * ldc + j0, ldc);
                    } else {
                        int q0 = part(colPanels, t, tasks) * NR;
                        int q1 = Math.min(nc, part(colPanels, t + 1, tasks) * NR);
                        macro(kc, m, q0, q1, bufA[0], bufB, tiles[t], alpha, betaK, c, cOff + j0, ldc);
                    }
                });
            }
        }
    }

    /**
     * The depth of each k-slice: k split into as few slices as {@code kcMax} allows, all about
     * equally deep and rounded up to a whole vector (so B^T panels pack in 8 x 8 blocks). Splitting
     * 288 into 256 + 32 would run a shallow second slice that reads and writes all of C for little
     * work; 2 x 144 (or 1 x 288 with a deeper kcMax) does not.
     */
    static int sliceDepth(int k, int kcMax) {
        int slices = Math.max(1, ceilDiv(k, kcMax));
        int even = ceilDiv(ceilDiv(k, slices), GemmKernel.L) * GemmKernel.L;
        return Math.min(kcMax, even);
    }

    /** Start of share {@code t} of {@code units} split into {@code parts}. */
    private static int part(int units, int t, int parts) {
        return (int) ((long) units * t / parts);
    }

    /** Sweeps the micro-kernel over packed A rows {@code [0, mc)} and packed B columns {@code [q0, q1)}. */
    private static void macro(int kc, int mc, int q0, int q1, float[] bufA, float[] bufB, float[] tile,
                              float alpha, float beta, float[] c, int co, int ldc) {
        if (mc <= 0 || q1 <= q0) {
            return;
        }
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
