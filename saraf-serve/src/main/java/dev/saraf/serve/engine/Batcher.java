package dev.saraf.serve.engine;

import dev.saraf.serve.ApiException;
import dev.saraf.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Dynamic batching for one model version: concurrent requests are queued, and one thread runs them
 * as one forward pass of up to {@code maxSize} examples, then hands each request its rows.
 *
 * <p>The thread takes everything already queued; it waits for more (up to {@code maxDelay}) only
 * while requests are on their way (they {@link #announce()} themselves before reading their body),
 * so a lone request is never delayed. Requests whose example shapes differ (models with free input
 * sizes) go into different batches. When a batch fails, its requests are retried one by one so that
 * one bad request cannot fail the others.
 */
public final class Batcher implements AutoCloseable {
    private final ServedModel model;
    private final int maxSize;
    private final long maxDelayNanos;
    private final IntConsumer onBatch;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Job> deferred = new ArrayDeque<>(); // only the batcher thread touches it
    private final AtomicInteger announced = new AtomicInteger();
    private final AtomicLong forwards = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /** The rows of one request inside a batch's output. */
    public record Slice(float[] data, int offset, int rows, int[] rowDims) {}

    private record Job(float[] x, int rows, int[] exampleDims, CompletableFuture<Slice> result) {}

    /**
     * Starts the batching thread of {@code model}.
     *
     * @param onBatch told each batch's number of examples (for metrics)
     */
    public Batcher(ServedModel model, int maxSize, Duration maxDelay, IntConsumer onBatch) {
        this.model = model;
        this.maxSize = maxSize;
        this.maxDelayNanos = maxDelay.toNanos();
        this.onBatch = onBatch;
        this.thread = Thread.ofPlatform().daemon().name("saraf-batcher-" + model.name() + "-v" + model.version())
                .start(this::loop);
    }

    /** Says a request for this model is on its way; pair with {@link #submit} or {@link #withdraw()}. */
    public void announce() {
        announced.incrementAndGet();
    }

    /** Takes back an {@link #announce()} whose request failed before submitting. */
    public void withdraw() {
        announced.decrementAndGet();
    }

    /** How many forward passes this batcher ran (for tests and metrics). */
    public long forwardPasses() {
        return forwards.get();
    }

    /**
     * Queues {@code rows} examples ({@code x}, row-major, each {@code exampleDims}), which the caller
     * announced, and waits for their output rows.
     *
     * @throws ApiException what the forward pass raised for them, or 503 when the model was unloaded meanwhile
     */
    public Slice submit(float[] x, int rows, int[] exampleDims) {
        Job job = new Job(x, rows, exampleDims, new CompletableFuture<>());
        queue.add(job);
        announced.decrementAndGet();
        if (closed) {
            drainClosed();
        }
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        while (true) {
            Job first = deferred.poll();
            try {
                while (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    first = queue.poll(50, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                drainClosed();
                return;
            }
            List<Job> batch = collect(first);
            run(batch);
        }
    }

    private List<Job> collect(Job first) {
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int rows = first.rows;
        long deadline = System.nanoTime() + maxDelayNanos;
        List<Job> later = new ArrayList<>();
        while (rows < maxSize) {
            Job j = queue.poll();
            if (j == null) {
                long left = deadline - System.nanoTime();
                if (announced.get() <= 0 || left <= 0) {
                    break;
                }
                try {
                    j = queue.poll(Math.min(left, 200_000L), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (j == null) {
                    continue;
                }
            }
            if (rows + j.rows > maxSize || !Arrays.equals(j.exampleDims, first.exampleDims)) {
                later.add(j);
                if (rows + j.rows > maxSize) {
                    break;
                }
                continue;
            }
            batch.add(j);
            rows += j.rows;
        }
        deferred.addAll(later);
        return batch;
    }

    private void run(List<Job> batch) {
        if (batch.size() == 1) {
            Job j = batch.get(0);
            try {
                j.result.complete(forward(j.x, j.rows, j.exampleDims, 0, j.rows));
            } catch (RuntimeException | Error e) {
                j.result.completeExceptionally(e);
            }
            return;
        }
        int rows = 0;
        int per = batch.get(0).x.length / batch.get(0).rows;
        for (Job j : batch) {
            rows += j.rows;
        }
        float[] x = new float[rows * per];
        int at = 0;
        for (Job j : batch) {
            System.arraycopy(j.x, 0, x, at, j.x.length);
            at += j.x.length;
        }
        Tensor out;
        try {
            out = forwardTensor(x, rows, batch.get(0).exampleDims);
        } catch (RuntimeException | Error e) {
            for (Job j : batch) { // isolate the request at fault: each alone gets its own answer
                run(List.of(j));
            }
            return;
        }
        int[] dims = out.dims();
        int[] rowDims = Arrays.copyOfRange(dims, 1, dims.length);
        int outPer = out.numel() / rows;
        float[] data = out.data();
        int row = 0;
        for (Job j : batch) {
            j.result.complete(new Slice(data, row * outPer, j.rows, rowDims));
            row += j.rows;
        }
    }

    private Slice forward(float[] x, int rows, int[] exampleDims, int offset, int count) {
        Tensor out = forwardTensor(x, rows, exampleDims);
        int[] dims = out.dims();
        return new Slice(out.data(), offset, count, Arrays.copyOfRange(dims, 1, dims.length));
    }

    private Tensor forwardTensor(float[] x, int rows, int[] exampleDims) {
        forwards.incrementAndGet();
        onBatch.accept(rows);
        return model.forward(x, rows, exampleDims);
    }

    private void drainClosed() {
        Job j;
        while ((j = queue.poll()) != null) {
            j.result.completeExceptionally(new ApiException(503, "model " + model.name() + " version "
                    + model.version() + " was unloaded; retry"));
        }
    }

    /** Finishes the queued requests, then stops the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainClosed();
    }
}
