package dev.saraf.data;

import java.lang.ref.WeakReference;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One epoch's batches, assembled ahead by a single daemon thread into a bounded queue.
 *
 * <p>The thread holds only a weak reference to this iterator: when a consumer abandons the loop
 * without closing it, the iterator becomes garbage and the thread, which wakes every 100 ms while
 * the queue is full, sees that and ends. An exception while assembling is queued in place of the
 * batch and rethrown by {@link #next()}, wrapped with the batch and epoch.
 */
final class Prefetcher implements DataLoader.BatchIterator {
    private static final long POLL_MS = 100;

    /** Queued in place of a batch when assembling it failed. */
    private record Failure(int batch, Throwable error) {}

    private final DataLoader loader;
    private final int epoch;
    private final int total;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final Producer producer;
    private int delivered;
    private boolean closed;

    Prefetcher(DataLoader loader, int epoch) {
        this.loader = loader;
        this.epoch = epoch;
        this.total = loader.batches();
        this.queue = new ArrayBlockingQueue<>(loader.options().prefetch());
        this.producer = new Producer(loader, epoch, total, queue, new WeakReference<>(this));
        this.thread = Thread.ofPlatform().daemon().name("saraf-prefetch-" + loader.dataset().name() + "-epoch-" + epoch)
                .unstarted(producer);
        if (total > 0) {
            thread.start();
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && delivered < total;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has " + total + " batches"
                    + (closed ? " and its iterator was closed" : ""));
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DataException(loader.dataset().name() + ": interrupted while waiting for batch " + delivered
                    + " of epoch " + epoch, e);
        }
        if (item instanceof Failure f) {
            close();
            if (f.error() instanceof Error err) {
                throw err;
            }
            throw new DataException(loader.dataset().name() + ": assembling batch " + f.batch() + " of epoch " + epoch
                    + " failed: " + f.error(), f.error());
        }
        delivered++;
        return (Batch) item;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // No interrupt: it would close any NIO channel a Dataset is reading from. The thread
            // sees the flag after its current batch or within one queue poll.
            producer.cancelled = true;
            queue.clear();
        }
    }

    /** Whether the prefetch thread is still running (for tests). */
    boolean threadAlive() {
        return thread.isAlive();
    }

    /** The thread's work; it must not hold the iterator strongly (see the class comment). */
    private static final class Producer implements Runnable {
        private final DataLoader loader;
        private final int epoch;
        private final int total;
        private final BlockingQueue<Object> queue;
        private final WeakReference<Prefetcher> owner;
        volatile boolean cancelled;

        Producer(DataLoader loader, int epoch, int total, BlockingQueue<Object> queue, WeakReference<Prefetcher> owner) {
            this.loader = loader;
            this.epoch = epoch;
            this.total = total;
            this.queue = queue;
            this.owner = owner;
        }

        @Override
        public void run() {
            try {
                int[] order = loader.order(epoch);
                for (int b = 0; b < total && !cancelled; b++) {
                    Object item;
                    try {
                        item = loader.assemble(order, b, epoch);
                    } catch (Throwable t) {
                        // One failure ends the epoch: the consumer gets it in place of this batch.
                        put(new Failure(b, t));
                        return;
                    }
                    if (!put(item)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody else interrupts this thread: just end
            }
        }

        /** Queues {@code item}; false if the consumer went away or closed the pass meanwhile. */
        private boolean put(Object item) throws InterruptedException {
            while (!queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled || owner.get() == null) {
                    return false;
                }
            }
            return true;
        }
    }
}
