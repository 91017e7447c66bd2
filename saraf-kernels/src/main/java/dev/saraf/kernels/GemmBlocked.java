package dev.saraf.kernels;

import static dev.saraf.kernels.GemmKernel.MR;
import static dev.saraf.kernels.GemmKernel.NR;

/**
 * The cache-blocked, packed GEMM. For each {@code kc}-deep slice of k: pack that slice of op(A)
 * once; then for each {@code nc}-wide column block of op(B), pack that block and sweep the
 * micro-kernel over the tiles, row panel by row panel: the A micro-panel stays
 * in L1 while the B micro-panels stream past it, and consecutive tiles are neighbours in C, which
 * the hardware prefetchers follow (walking down a column of tiles instead strides by 6 rows of C,
 * past any prefetcher, and measured up to a third slower at n = 2048).
 *
 * <p>Threads share the packed blocks: they pack the B panels together, then take chunks of row
 * panels (each packing its own chunk's A rows the first time) as they come ({@link #shared}). A C
 * no taller than a B block is wide (a training batch's layers) is split by columns instead, each
 * thread packing the B panels it computes and its own copy of the A panels ({@link #owned}). Each
 * tile is computed identically wherever it lies, so the result does not depend on the schedule or
 * the thread count. Packing buffers are kept per
 * calling thread and grown on demand, never allocated per call once warm.
 */
final class GemmBlocked {
    /**
     * The block sizes tuned on this project's machine (AMD EPYC Zen 3: 32 KB L1d and 512 KB L2 per
     * core, 32 MB L3): the A micro-panel (6 x kc floats, 9 KB at 384 and 24 KB at 1024) sits in
     * L1 beside the B micro-panel streaming through; the packed B block (kc x up to 1024 floats)
     * is read from L2/L3 once per row panel (measured: nc = 1024 beat 256, 384 and 512 at
     * n = 2048, where fewer blocks also mean fewer passes of the A micro-panels through L1; with
     * 1024-deep slices too, nc = 256 and 128 were 6-9% slower). k is split into equal
     * slices of at most 384 ({@link #sliceDepth}) when it is deeper than 1024 (k = 9216 takes 24 of
     * 384, measured 3% slower than 288). A k of up to 1024 is one slice, and so is every slice up
     * to 1024 deep when C has 1 M elements (4 MB) or more: every slice reads and writes all of C
     * and costs two fan-outs, and the kernel runs as fast on 1024-deep micro-panels (measured,
     * in-process A/B of 20-25 rounds: [1000, 256, 784] 1.03-1.10x, [64, 288, 576] 1.02-1.06x,
     * n = 1024 1.08x on one thread and 1.03x on two, n = 2048 1.01x).
     *
     * <p>With 512-bit vectors and the 12-row tile (measured on an Intel Xeon with AVX-512 under KVM:
     * 48 KB L1d and 2 MB L2 per core, an L3 far slower to stream from than Zen 3's) the packed B
     * block must stay in L2: nc = 256 and slices of up to 512 (one slice when k is at most 1024, so
     * the block is at most 1 MB). The Zen 3 sizes held n = 1024 and 2048 to 75-80 GFLOP/s on one
     * thread, these give 137-141 (272 on two threads at n = 2048); kc 384 or nc 512 were within
     * 1-3%, and slicing k = 784 in two cost the W-MLP shapes up to 10% on two threads. Shallower
     * slices take wider blocks, up to 1 MB of packed B ({@link Blocking#ncFor}): W-MLP's weight
     * gradient [256, 784] x 128 deep was four blocks of 256 columns, each two fan-outs, the last
     * only 16 wide.
     */
    static final Blocking DEFAULT = GemmKernel.TALL ? new Blocking(3072, 512, 256, 1024, Long.MAX_VALUE, 1 << 18)
            : new Blocking(3072, 384, 1024, 1024, 1L << 20);

    /**
     * Block sizes: {@code mb} rows of C per pass (a multiple of MR; bounds the packed A slices,
     * 4.5 MB at 3072 x 384 and 12 MB at 3072 x 1024, however tall A is), {@code kc} the most
     * k-depth of a packed slice, {@code nc} columns of a packed B block (a multiple of NR), and
     * {@code deepKc} the most k-depth of a slice instead when k is no deeper than that or a pass's
     * C has at least {@code deepFromC} elements, and {@code blockFloats} (0 for none) the size of a
     * packed B block that shallower slices may widen it to, in floats.
     */
    record Blocking(int mb, int kc, int nc, int deepKc, long deepFromC, int blockFloats) {
        Blocking {
            if (mb < MR || mb % MR != 0 || kc < 1 || nc < NR || nc % NR != 0 || deepKc < kc || blockFloats < 0) {
                throw new IllegalArgumentException("bad GEMM blocking mb=" + mb + " kc=" + kc + " nc=" + nc
                        + " deepKc=" + deepKc + " blockFloats=" + blockFloats + " (mb a multiple of " + MR
                        + ", nc a multiple of " + NR + ", deepKc at least kc, blockFloats not negative)");
            }
        }

        /** Block sizes whose B blocks are always {@code nc} wide. */
        Blocking(int mb, int kc, int nc, int deepKc, long deepFromC) {
            this(mb, kc, nc, deepKc, deepFromC, 0);
        }

        /** Columns of a packed B block for slices {@code kc} deep: {@code nc}, or more within {@code blockFloats}. */
        int ncFor(int kc) {
            return blockFloats == 0 ? nc : Math.max(nc, blockFloats / kc / NR * NR);
        }

        /** The most k-depth of a slice for a pass over {@code [m, n]} of C, {@code k} deep. */
        int kcFor(int m, int n, int k) {
            return k <= deepKc || (long) m * n >= deepFromC ? deepKc : kc;
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

    /**
     * A thread's buffers: the packed A slice and B block it hands out (or computes alone), an edge
     * tile, and B^T row copies; each grown on demand and then reused.
     */
    private static final class Scratch {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private final float[] tile = new float[MR * NR];
        private float[] rows = new float[0];
        /** The k-slice whose A panels {@link #a} holds in a column-owned split ({@link #owned}), or null. */
        private Object aSlice;

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

        /** Scratch for one edge tile. */
        float[] tile() {
            return tile;
        }

        /** Scratch for B^T rows {@code kc} deep (see GemmPack.packB). */
        float[] rows(int kc) {
            if (rows.length < NR * kc) {
                rows = new float[NR * kc];
            }
            return rows;
        }
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(DEFAULT, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    /** As {@link #sgemm}, then {@code epi} applied to each tile of C as it is finished (null: none). */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, Epilogue epi) {
        sgemm(DEFAULT, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, epi);
    }

    /**
     * What is done to C's elements once their sums are complete, tile by tile while the tile is in
     * cache: {@code c[i][j] += bias[offset + j]}, then {@code max(., 0)} when {@code relu}, by
     * {@link MapVector#addRow} (the same operations, in the same order, as a pass of
     * {@link MapKernels#addRows} over C afterwards).
     */
    record Epilogue(float[] bias, int offset, boolean relu) {}

    /** As {@link Gemm#sgemm}, with the given block sizes (tests use tiny ones to cross every block edge). */
    static void sgemm(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(bl, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    private static void sgemm(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc, Epilogue epi) {
        for (int i = 0; i < m; i += bl.mb()) {
            int rows = Math.min(bl.mb(), m - i);
            int rowOff = transA ? aOff + i : aOff + i * lda;
            rowBlock(bl, transA, transB, rows, n, k, alpha, a, rowOff, lda, null, b, bOff, ldb, beta, c, cOff + i * ldc, ldc,
                    epi);
        }
    }

    /**
     * The product with op(A) already packed by {@link PackedA#of} ({@code m} up to mb rows, one
     * k-slice): the one pass {@link #sgemm} would make, minus packing A.
     */
    static void sgemmPacked(float[] panels, boolean transB, int m, int n, int k, float alpha,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m > DEFAULT.mb() || sliceDepth(k, DEFAULT.kcFor(m, n, k)) < k) {
            throw new IllegalArgumentException("sgemm: packed A of " + m + " x " + k + " is larger than one pass of "
                    + DEFAULT.mb() + " rows and one slice");
        }
        rowBlock(DEFAULT, false, transB, m, n, k, alpha, null, 0, 0, panels, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    /** One pass over at most {@code mb} rows of C; op(A) packed already when {@code packed} is not null. */
    private static void rowBlock(Blocking bl, boolean transA, boolean transB, int m, int n, int k,
                                 float alpha, float[] a, int aOff, int lda, float[] packed,
                                 float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc, Epilogue epi) {
        long work = (long) m * n * k;
        int rowPanels = ceilDiv(m, MR);
        int threads = (int) Math.min(Math.min(Parallel.threads(), Math.max(rowPanels, ceilDiv(n, NR))),
                Math.max(1, work / MIN_WORK_PER_TASK));
        int bk = sliceDepth(k, bl.kcFor(m, n, k));
        int bn = bl.ncFor(Math.min(bk, k));
        int kMax = Math.min(bk, k);
        Scratch s = SCRATCH.get();
        float[] bufB = s.b(ceilDiv(Math.min(bn, n), NR) * NR * kMax);
        float[] bufA = packed != null ? packed : s.a(rowPanels * MR * kMax);
        // B^T panels: transposed straight from B when B is small enough to stay cached between
        // calls, else through row copies (see GemmPack.packB)
        boolean copyRows = (long) n * k > BT_DIRECT;
        // a C no taller than a B block is split by columns, each thread packing its own B panels
        boolean byCols = threads > 1 && m <= Math.min(bn, n);
        for (int pc = 0; pc < k; pc += bk) {
            int kc = Math.min(bk, k - pc);
            float betaK = pc == 0 ? beta : 1f;
            int p0 = pc;
            Epilogue last = pc + kc >= k ? epi : null; // C's sums are complete after the last slice
            Object slice = new Object();
            for (int jc = 0; jc < n; jc += bn) {
                int nc = Math.min(bn, n - jc);
                int j0 = jc;
                // this k-slice of A is packed once, with the first column block, and reused after
                boolean packA = jc == 0 && packed == null;
                if (threads == 1) {
                    if (packA) {
                        GemmPack.packA(bufA, 0, transA, a, aOff, lda, 0, m, p0, kc);
                    }
                    GemmPack.packB(bufB, 0, transB, b, bOff, ldb, p0, kc, j0, nc, copyRows ? s.rows(kc) : null);
                    macro(kc, m, 0, nc, bufA, 0, bufB, s.tile(), alpha, betaK, c, cOff + j0, ldc, last, j0);
                } else if (byCols) {
                    owned(threads, transA, transB, m, nc, kc, slice, packed, alpha, a, aOff, lda, b, bOff, ldb,
                            p0, j0, copyRows, betaK, c, cOff, ldc, last);
                } else {
                    shared(threads, transA, transB, m, rowPanels, nc, kc, packA, alpha, a, aOff, lda, b, bOff, ldb,
                            p0, j0, copyRows, bufA, bufB, betaK, c, cOff, ldc, last);
                }
            }
        }
    }

    /** Chunks handed out per thread and phase: enough for a fast core to take over a slow one's share. */
    private static final int CHUNKS_PER_THREAD = 8;

    /**
     * One packed block on several threads, in two fan-outs: first the B panels (and, for the first
     * column block of a k-slice, the A panels) are packed into the caller's shared buffers, then the
     * tiles are computed, in chunks of row panels (or of column panels when C is short). Chunks
     * are taken dynamically, not split statically by thread: on a shared machine one core can run
     * a third slower than the other for seconds, and a static half-and-half split waits for the
     * slower one at every barrier (measured: two threads in one process lost a quarter of the
     * throughput of two single-threaded processes at n = 1024). Each tile is computed the same way
     * whichever thread takes it, so the result does not depend on the schedule.
     */
    private static void shared(int threads, boolean transA, boolean transB, int m, int rowPanels, int nc, int kc,
                               boolean packA, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               int p0, int j0, boolean copyRows, float[] bufA, float[] bufB, float betaK,
                               float[] c, int cOff, int ldc, Epilogue epi) {
        int colPanels = ceilDiv(nc, NR);
        int most = threads * CHUNKS_PER_THREAD;
        // chunks of row panels, each sweeping every column of the block, unless C is too short
        // to give each thread two of them
        boolean byRows = rowPanels >= 2 * threads;
        int units = byRows ? rowPanels : colPanels;
        int chunk = ceilDiv(units, Math.min(units, most));
        // A row chunks are packed by the thread that computes them first (it then reads them from
        // its own cache), except in a column split, where every chunk needs all of A beforehand
        // B stored [k, n] is packed in bands of its rows, each row read sequentially; B^T (stored
        // [n, k]) in bands of panels, each panel reading NR rows of it sequentially
        int bUnits = transB ? colPanels : kc;
        int bChunk = ceilDiv(bUnits, Math.min(bUnits, most));
        int bTasks = ceilDiv(bUnits, bChunk);
        int aChunk = ceilDiv(rowPanels, Math.min(rowPanels, most));
        int aTasks = packA && !byRows ? ceilDiv(rowPanels, aChunk) : 0;
        Parallel.forTasks(bTasks + aTasks, t -> {
            if (t < bTasks && !transB) {
                GemmPack.packBRows(bufB, 0, b, bOff, ldb, p0, kc, t * bChunk, Math.min(kc, (t + 1) * bChunk), j0, nc);
            } else if (t < bTasks) {
                int q0 = t * bChunk;
                int q1 = Math.min(colPanels, q0 + bChunk);
                GemmPack.packB(bufB, q0 * NR * kc, true, b, bOff, ldb, p0, kc, j0 + q0 * NR,
                        Math.min(nc, q1 * NR) - q0 * NR, copyRows ? SCRATCH.get().rows(kc) : null);
            } else {
                int r0 = (t - bTasks) * aChunk;
                int i0 = r0 * MR;
                int i1 = Math.min(m, (r0 + aChunk) * MR);
                GemmPack.packA(bufA, r0 * MR * kc, transA, a, aOff, lda, i0, i1 - i0, p0, kc);
            }
        });
        Parallel.forTasks(ceilDiv(units, chunk), t -> {
            int u0 = t * chunk;
            int u1 = Math.min(units, u0 + chunk);
            float[] tile = SCRATCH.get().tile();
            if (byRows) {
                int i0 = u0 * MR;
                int i1 = Math.min(m, u1 * MR);
                if (packA) {
                    GemmPack.packA(bufA, u0 * MR * kc, transA, a, aOff, lda, i0, i1 - i0, p0, kc);
                }
                macro(kc, i1 - i0, 0, nc, bufA, u0 * MR * kc, bufB, tile, alpha, betaK, c, cOff + i0 * ldc + j0, ldc,
                        epi, j0);
            } else {
                macro(kc, m, u0 * NR, Math.min(nc, u1 * NR), bufA, 0, bufB, tile, alpha, betaK, c, cOff + j0, ldc, epi,
                        j0);
            }
        });
    }

    /**
     * One packed block on several threads, split by columns, in one fan-out: each chunk of column
     * panels packs its own B panels into the scratch of the thread that takes it and sweeps every
     * row of C past them; each thread packs the slice's A panels once, into its own scratch (all of
     * them: a duplicate of at most one B block's size, since C is no taller than a block is wide).
     * For the short C of a training batch this beats {@link #shared}, where every thread streams
     * the whole B block, half of it packed in the other core's cache, and a dozen row panels split
     * unevenly: W-MLP's [128, 784] x [784, 256] forward took 245 against 287 us on two threads, its
     * [128, 256] x [256, 128] 51 against 62 us. Chunks are taken dynamically, as in {@link #shared},
     * and each tile is computed as anywhere else, so the result does not depend on the schedule.
     */
    private static void owned(int threads, boolean transA, boolean transB, int m, int nc, int kc, Object slice,
                              float[] packed, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              int p0, int j0, boolean copyRows, float betaK, float[] c, int cOff, int ldc,
                              Epilogue epi) {
        int colPanels = ceilDiv(nc, NR);
        int chunk = ceilDiv(colPanels, Math.min(colPanels, threads * CHUNKS_PER_THREAD));
        int rowPanels = ceilDiv(m, MR);
        Parallel.forTasks(ceilDiv(colPanels, chunk), t -> {
            Scratch s = SCRATCH.get();
            float[] ownA = packed;
            if (ownA == null) {
                ownA = s.a(rowPanels * MR * kc);
                if (s.aSlice != slice) {
                    GemmPack.packA(ownA, 0, transA, a, aOff, lda, 0, m, p0, kc);
                    s.aSlice = slice;
                }
            }
            int q0 = t * chunk;
            int q1 = Math.min(colPanels, q0 + chunk);
            int from = q0 * NR;
            int to = Math.min(nc, q1 * NR);
            float[] ownB = s.b(colPanels * NR * kc);
            GemmPack.packB(ownB, from * kc, transB, b, bOff, ldb, p0, kc, j0 + from, to - from,
                    copyRows && transB ? s.rows(kc) : null);
            macro(kc, m, from, to, ownA, 0, ownB, s.tile(), alpha, betaK, c, cOff + j0, ldc, epi, j0);
        });
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

    /**
     * Sweeps the micro-kernel over packed A rows {@code [0, mc)} (from {@code aBase}) and packed B
     * columns {@code [q0, q1)}, then {@code epi} (if any) over each tile; column 0 at {@code co} is
     * column {@code j0} of the whole C.
     */
    private static void macro(int kc, int mc, int q0, int q1, float[] bufA, int aBase, float[] bufB, float[] tile,
                              float alpha, float beta, float[] c, int co, int ldc, Epilogue epi, int j0) {
        if (mc <= 0 || q1 <= q0) {
            return;
        }
        // rows outer: the A micro-panel stays in L1 while B micro-panels stream past it, and
        // consecutive tiles are neighbours in C, which the hardware prefetchers follow (walking
        // down a column of tiles instead strides by 6 rows of C, past any prefetcher, and measured
        // up to a third slower at n = 2048)
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int ao = aBase + ir * kc;
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
                if (epi != null) {
                    for (int r = 0; r < rows; r++) {
                        MapVector.addRow(c, ci + r * ldc, epi.bias(), epi.offset() + j0 + jr, cols, epi.relu());
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
