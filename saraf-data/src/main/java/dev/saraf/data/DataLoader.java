package dev.saraf.data;

import dev.saraf.tensor.Shape;
import dev.saraf.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Cuts a {@link Dataset} into mini-batches, one epoch at a time.
 *
 * <p>The order of an epoch is a pure function of (seed, epoch): the identity without shuffling,
 * else a seeded permutation, so a run can be resumed at any epoch and repeated bit for bit.
 * Each batch is assembled into one {@code float[]} for the inputs and one for the targets
 * ({@code [B, ...inputShape]} and {@code [B]} or {@code [B, ...targetShape]}), with the
 * {@link Transform}s applied per example. With {@code prefetch > 0} a single daemon thread per
 * epoch iteration assembles up to {@code prefetch} batches ahead, so the trainer does not wait on
 * data; it only copies floats, leaving the cores to the compute pool. An exception thrown while
 * assembling reaches the consumer from {@code next()}. Breaking out of the loop (or closing the
 * iterator) stops the thread.
 */
public final class DataLoader {
    private final Dataset dataset;
    private final Options options;

    /**
     * How batches are made.
     *
     * @param batchSize  examples per batch, at least 1
     * @param shuffle    whether each epoch visits the examples in a seeded random order
     * @param seed       seed of the shuffling and of the transforms' random numbers
     * @param dropLast   whether to drop the last batch when it is smaller than {@code batchSize}
     * @param prefetch   batches assembled ahead on a background thread; 0 assembles on the caller's thread
     * @param transforms applied in order to each example's input
     */
    public record Options(int batchSize, boolean shuffle, long seed, boolean dropLast, int prefetch,
                          List<Transform> transforms) {
        /** Checks the sizes and copies the transform list. */
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader: batch size must be at least 1, got " + batchSize);
            }
            if (prefetch < 0) {
                throw new IllegalArgumentException("DataLoader: prefetch must be >= 0, got " + prefetch);
            }
            transforms = List.copyOf(transforms);
        }

        /** Batches of {@code batchSize} in order, last batch kept, 2 batches prefetched, no transforms. */
        public static Options of(int batchSize) {
            return new Options(batchSize, false, 0L, false, 2, List.of());
        }

        /** These options, shuffling each epoch with {@code seed}. */
        public Options withShuffle(long seed) {
            return new Options(batchSize, true, seed, dropLast, prefetch, transforms);
        }

        /** These options with the seed of transforms set (and of shuffling, if on). */
        public Options withSeed(long seed) {
            return new Options(batchSize, shuffle, seed, dropLast, prefetch, transforms);
        }

        /** These options with the last, smaller batch dropped or kept. */
        public Options withDropLast(boolean dropLast) {
            return new Options(batchSize, shuffle, seed, dropLast, prefetch, transforms);
        }

        /** These options with {@code prefetch} batches assembled ahead (0: on the caller's thread). */
        public Options withPrefetch(int prefetch) {
            return new Options(batchSize, shuffle, seed, dropLast, prefetch, transforms);
        }

        /** These options with the given transforms, applied in order. */
        public Options withTransforms(Transform... transforms) {
            return new Options(batchSize, shuffle, seed, dropLast, prefetch, List.of(transforms));
        }
    }

    /** A loader over {@code dataset}. */
    public DataLoader(Dataset dataset, Options options) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The data set batched. */
    public Dataset dataset() {
        return dataset;
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** Batches per epoch: {@code ceil(size / batchSize)}, or {@code floor} when dropping the last. */
    public int batches() {
        int n = dataset.size();
        int b = options.batchSize();
        return options.dropLast() ? n / b : (n + b - 1) / b;
    }

    /**
     * The batches of one epoch. Each call to {@code iterator()} starts a fresh pass (and, with
     * prefetching, its own thread); the iterator is a {@link BatchIterator}, which may be closed
     * to stop early.
     */
    public Iterable<Batch> epoch(int epoch) {
        return () -> iterator(epoch);
    }

    /** A fresh pass over the batches of {@code epoch}. */
    public BatchIterator iterator(int epoch) {
        return options.prefetch() == 0 ? new Direct(this, epoch) : new Prefetcher(this, epoch);
    }

    /** The order in which {@code epoch} visits the examples: a pure function of (seed, epoch). */
    public int[] order(int epoch) {
        int n = dataset.size();
        if (options.shuffle()) {
            return Shuffle.permutation(n, Shuffle.mix(options.seed(), epoch));
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Assembles batch {@code b} of an epoch whose order is {@code order}. */
    Batch assemble(int[] order, int b, int epoch) {
        int from = b * options.batchSize();
        int n = Math.min(options.batchSize(), order.length - from);
        Shape inShape = dataset.inputShape();
        Shape tShape = dataset.targetShape();
        int in = inShape.numel();
        int tn = tShape.numel();
        float[] x = new float[n * in];
        float[] y = new float[n * tn];
        List<Transform> transforms = options.transforms();
        for (int i = 0; i < n; i++) {
            int index = order[from + i];
            dataset.copyInput(index, x, i * in);
            dataset.copyTarget(index, y, i * tn);
            if (!transforms.isEmpty()) {
                SplittableRandom rng = new SplittableRandom(Shuffle.mix(options.seed(), epoch, index));
                for (Transform t : transforms) {
                    t.apply(x, i * in, inShape, rng);
                }
            }
        }
        return new Batch(Tensor.wrap(x, prepend(n, inShape)), Tensor.wrap(y, prepend(n, tShape)));
    }

    private static Shape prepend(int n, Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = n;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        return Shape.of(d);
    }

    /** An iterator over one epoch's batches that can be closed to stop early (and its thread with it). */
    public sealed interface BatchIterator extends Iterator<Batch>, AutoCloseable permits Direct, Prefetcher {
        /** Stops the pass: {@code hasNext()} is false afterwards and a prefetch thread ends. */
        @Override
        void close();
    }

    /** Assembles each batch on the caller's thread, when {@code next()} asks for it. */
    static final class Direct implements BatchIterator {
        private final DataLoader loader;
        private final int epoch;
        private final int[] order;
        private final int total;
        private int next;

        Direct(DataLoader loader, int epoch) {
            this.loader = loader;
            this.epoch = epoch;
            this.order = loader.order(epoch);
            this.total = loader.batches();
        }

        @Override
        public boolean hasNext() {
            return next < total;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("epoch " + epoch + " has " + total + " batches");
            }
            return loader.assemble(order, next++, epoch);
        }

        @Override
        public void close() {
            next = total;
        }
    }
}
