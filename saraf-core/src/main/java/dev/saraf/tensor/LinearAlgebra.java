package dev.saraf.tensor;

import dev.saraf.kernels.Gemm;
import dev.saraf.kernels.Parallel;
import java.util.Arrays;

/**
 * Matrix products on the GEMM kernel ({@link Gemm#sgemm}), forward and backward.
 *
 * <p>The backward never materialises a transpose: it passes GEMM's transpose flags
 * ({@code dA = dC B^T}, {@code dB = A^T dC}), and sums over broadcast batch axes by accumulating
 * ({@code beta = 1}) into the shared gradient matrix, in ascending batch order so the result is
 * deterministic.
 */
public final class LinearAlgebra {
    /** Below this many multiply-adds per matrix, one GEMM is too small to be worth splitting across threads. */
    private static final long SMALL_GEMM = 1L << 18;

    private LinearAlgebra() {}

    /**
     * Matrix product with NumPy semantics.
     * <ul>
     *   <li>{@code [k] x [k] -> []} (dot product);</li>
     *   <li>{@code [m, k] x [k, n] -> [m, n]};</li>
     *   <li>a 1-D left operand {@code [k]} is treated as {@code [1, k]} and a 1-D right operand as
     *       {@code [k, 1]}, and the added axis is dropped from the result;</li>
     *   <li>{@code [..., m, k] x [..., k, n] -> [..., m, n]}, the batch axes {@code ...} broadcast
     *       against each other.</li>
     * </ul>
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() == 0 || sb.rank() == 0) {
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb + " must both have at least one axis");
        }
        boolean aVec = sa.rank() == 1;
        boolean bVec = sb.rank() == 1;
        int[] da = aVec ? new int[] {1, sa.dim(0)} : sa.dims();
        int[] db = bVec ? new int[] {sb.dim(0), 1} : sb.dims();
        int ra = da.length;
        int rb = db.length;
        int m = da[ra - 2];
        int k = da[ra - 1];
        int n = db[rb - 1];
        if (db[rb - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb + " do not match: the left operand has "
                    + k + " columns, the right one " + db[rb - 2] + " rows");
        }
        int[] aBatch = Arrays.copyOf(da, ra - 2);
        int[] bBatch = Arrays.copyOf(db, rb - 2);
        int[] batch = broadcastBatch(sa, sb, aBatch, bBatch);
        int nb = Shape.of(batch).numel();
        int[] aMap = batchMap(aBatch, batch);
        int[] bMap = batchMap(bBatch, batch);

        int[] outDims = Arrays.copyOf(batch, batch.length + (aVec ? 0 : 1) + (bVec ? 0 : 1));
        int at = batch.length;
        if (!aVec) {
            outDims[at++] = m;
        }
        if (!bVec) {
            outDims[at] = n;
        }
        float[] A = a.data();
        float[] B = b.data();
        float[] C = new float[nb * m * n];
        // A's batch is the whole batch and B is one matrix: fold the batch into A's rows, one GEMM
        boolean fold = Shape.of(bBatch).numel() == 1 && isIdentity(aMap);
        if (fold) {
            Gemm.sgemm(false, false, nb * m, n, k, 1f, A, 0, k, B, 0, n, 0f, C, 0, n);
        } else {
            forBatches(nb, (long) m * n * k, t ->
                    Gemm.sgemm(false, false, m, n, k, 1f, A, aMap[t] * m * k, k, B, bMap[t] * k * n, n, 0f, C, t * m * n, n));
        }
        return Tensor.fromOp(C, Shape.of(outDims), "matmul", g -> {
            float[] dC = g.data();
            float[] dA = null;
            float[] dB = null;
            if (a.requiresGrad()) {
                dA = new float[A.length];
                if (fold) {
                    Gemm.sgemm(false, true, nb * m, k, n, 1f, dC, 0, n, B, 0, n, 0f, dA, 0, k);
                } else {
                    accumulate(aMap, Shape.of(aBatch).numel(), (long) m * n * k, dA, (t, slot, beta, out) ->
                            Gemm.sgemm(false, true, m, k, n, 1f, dC, t * m * n, n, B, bMap[t] * k * n, n, beta, out, slot * m * k, k));
                }
            }
            if (b.requiresGrad()) {
                dB = new float[B.length];
                if (fold) {
                    Gemm.sgemm(true, false, k, n, nb * m, 1f, A, 0, k, dC, 0, n, 0f, dB, 0, n);
                } else {
                    accumulate(bMap, Shape.of(bBatch).numel(), (long) m * n * k, dB, (t, slot, beta, out) ->
                            Gemm.sgemm(true, false, k, n, m, 1f, A, aMap[t] * m * k, k, dC, t * m * n, n, beta, out, slot * k * n, n));
                }
            }
            return new Tensor[] {dA == null ? null : Tensor.wrap(dA, sa), dB == null ? null : Tensor.wrap(dB, sb)};
        }, a, b);
    }

    /** One gradient GEMM: batch {@code t} contributes to gradient matrix {@code slot}, with {@code beta} 0 for the first contribution. */
    @FunctionalInterface
    private interface Contribution {
        void run(int t, int slot, float beta, float[] out);
    }

    /**
     * Sums the contributions of every batch {@code t} into gradient matrix {@code map[t]}. Slots are
     * independent, so they run in parallel; within a slot the batches add up in ascending order.
     */
    private static void accumulate(int[] map, int slots, long work, float[] out, Contribution c) {
        // counting sort of batches by slot: slot s owns first[s]..first[s+1]-1 in order[]
        int[] first = new int[slots + 1];
        for (int s : map) {
            first[s + 1]++;
        }
        for (int s = 0; s < slots; s++) {
            first[s + 1] += first[s];
        }
        int[] order = new int[map.length];
        int[] fill = Arrays.copyOf(first, slots);
        for (int t = 0; t < map.length; t++) {
            order[fill[map[t]]++] = t;
        }
        long perSlot = work * Math.max(1, map.length / Math.max(1, slots));
        forBatches(slots, perSlot, s -> {
            for (int i = first[s]; i < first[s + 1]; i++) {
                c.run(order[i], s, i == first[s] ? 0f : 1f, out);
            }
        });
    }

    /**
     * Runs {@code body} for {@code 0..count-1}: across the pool when there are enough items or each
     * is small (GEMM then runs single-threaded inside the workers), otherwise one after the other so
     * that each GEMM can use every thread itself.
     */
    private static void forBatches(int count, long workPerItem, Parallel.TaskBody body) {
        int threads = Parallel.threads();
        if (count > 1 && threads > 1 && (count >= threads || workPerItem < SMALL_GEMM)) {
            // the batch is the parallel level: inside a task GEMM runs on its one thread
            Parallel.forRange(count, 1, (lo, hi) -> {
                for (int t = lo; t < hi; t++) {
                    body.run(t);
                }
            });
        } else {
            for (int t = 0; t < count; t++) {
                body.run(t);
            }
        }
    }

    private static int[] broadcastBatch(Shape sa, Shape sb, int[] aBatch, int[] bBatch) {
        int r = Math.max(aBatch.length, bBatch.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int x = i < r - aBatch.length ? 1 : aBatch[i - (r - aBatch.length)];
            int y = i < r - bBatch.length ? 1 : bBatch[i - (r - bBatch.length)];
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("matmul: shapes " + sa + " and " + sb + " cannot be broadcast: batch dimensions "
                        + Arrays.toString(aBatch) + " and " + Arrays.toString(bBatch) + " differ");
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /** For each flat index of the broadcast batch, the flat index of the operand's own batch matrix. */
    private static int[] batchMap(int[] own, int[] batch) {
        int nb = Shape.of(batch).numel();
        int[] map = new int[nb];
        int lead = batch.length - own.length;
        int[] stride = new int[batch.length];
        for (int i = batch.length - 1, acc = 1; i >= lead; i--) {
            int d = own[i - lead];
            stride[i] = d == 1 ? 0 : acc;
            acc *= d;
        }
        int[] idx = new int[batch.length];
        for (int t = 0, off = 0; t < nb; t++) {
            map[t] = off;
            for (int i = batch.length - 1; i >= 0; i--) {
                off += stride[i];
                if (++idx[i] < batch[i]) {
                    break;
                }
                off -= stride[i] * batch[i];
                idx[i] = 0;
            }
        }
        return map;
    }

    private static boolean isIdentity(int[] map) {
        for (int t = 0; t < map.length; t++) {
            if (map[t] != t) {
                return false;
            }
        }
        return true;
    }
}
