package dev.saraf.kernels;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The intra-op thread pool: one per process, created on first use and kept warm, never a second
 * one competing for the same cores.
 *
 * <p>The number of threads an op may use is {@link #threads()}: by default the system property
 * {@code saraf.threads}, else every available core. A scope may lower or raise it for the code it
 * runs ({@link #withThreads(int, Runnable)}), which is how benchmarks and tests pin 1 or 2 threads
 * without any global mutable setting. Callers cut work into tasks by size and thread count alone
 * and {@link #forTasks} hands the tasks to whichever thread is free, so the same thread count
 * always gives the same partition and so the same floating-point result.
 */
public final class Parallel {
    private static final ScopedValue<Integer> THREADS = ScopedValue.newInstance();
    /**
     * The thread taking its share of a fan-out's tasks beside the workers, or null (one fan-out
     * runs at a time). {@link #threads()} is 1 on it as on a worker, so a task never fans out
     * again, whichever thread runs it: a nested fan-out from the caller would re-enter the pool
     * in the middle of its own job.
     */
    private static volatile Thread caller;
    private static final int DEFAULT_THREADS = defaultThreads();

    private Parallel() {}

    private static int defaultThreads() {
        String prop = System.getProperty("saraf.threads");
        if (prop == null || prop.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(prop.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dsaraf.threads=" + prop + " must be a positive integer");
        }
    }

    /**
     * Threads ops may use in the current scope: 1 inside a task of a fan-out (on a pool worker, or
     * on the caller while it takes its share), so tasks never fan out again.
     */
    public static int threads() {
        Thread t = Thread.currentThread();
        if (t instanceof Worker || t == caller) {
            return 1;
        }
        return THREADS.orElse(DEFAULT_THREADS);
    }

    /** Runs {@code body} with ops limited to {@code n} threads. */
    public static void withThreads(int n, Runnable body) {
        ScopedValue.where(THREADS, checkThreads(n)).run(body);
    }

    /** Runs {@code body} with ops limited to {@code n} threads and returns its value. */
    public static <T> T withThreads(int n, Callable<T> body) throws Exception {
        return ScopedValue.where(THREADS, checkThreads(n)).call(body::call);
    }

    private static int checkThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        return n;
    }

    /** A body run over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** A task given its index {@code 0..tasks-1}. */
    @FunctionalInterface
    public interface TaskBody {
        void run(int task);
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} elements and runs them in parallel; returns when all are done.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(threads(), Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        final int parts = chunks;
        forTasks(parts, t -> {
            long from = (long) n * t / parts;
            long to = (long) n * (t + 1) / parts;
            if (to > from) {
                body.run((int) from, (int) to);
            }
        });
    }

    /**
     * Runs {@code tasks} independent tasks over the pool, the caller taking its share; whichever
     * thread is free takes the next task. Inside a task {@link #threads()} is 1.
     */
    public static void forTasks(int tasks, TaskBody body) {
        if (tasks <= 0) {
            return;
        }
        Thread current = Thread.currentThread();
        if (tasks == 1 || current instanceof Worker || current == caller) {
            for (int t = 0; t < tasks; t++) {
                body.run(t);
            }
            return;
        }
        Pool.INSTANCE.run(tasks, body);
    }

    /** Pool worker thread; kernels running on it do not fan out again. */
    static final class Worker extends Thread {
        Worker(Runnable r, int index) {
            super(r, "saraf-worker-" + index);
            setDaemon(true);
        }
    }

    /** The process-wide pool, created lazily on the first parallel call. */
    private static final class Pool {
        /** Spin-wait iterations (about half a millisecond) before an idle worker parks. */
        private static final int SPINS = 20_000;
        static final Pool INSTANCE = new Pool(Math.max(Runtime.getRuntime().availableProcessors(), DEFAULT_THREADS) - 1);

        private final Worker[] workers;
        private final Object lock = new Object();
        private volatile Job job;
        private volatile long generation;

        Pool(int size) {
            workers = new Worker[Math.max(1, size)];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this::loop, i + 1);
                workers[i].start();
            }
        }

        void run(int tasks, TaskBody body) {
            synchronized (lock) { // one fan-out at a time; callers from several threads take turns
                Job j = new Job(tasks, body);
                job = j;
                generation++;
                for (Worker w : workers) {
                    LockSupport.unpark(w);
                }
                caller = Thread.currentThread();
                try {
                    j.work();
                } finally {
                    caller = null;
                }
                j.await();
                job = null;
                if (j.failure != null) {
                    if (j.failure instanceof RuntimeException re) {
                        throw re;
                    }
                    if (j.failure instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(j.failure);
                }
            }
        }

        private void loop() {
            long seen = 0;
            while (true) {
                Job j = job;
                long g = generation;
                if (j != null && g != seen) {
                    seen = g;
                    j.work();
                    continue;
                }
                // spin briefly so back-to-back ops find the worker awake, then sleep until the next
                // fan-out unparks it (run() unparks after publishing the job, so no wake-up is lost).
                // Sleeping for good matters: waking every millisecond to spin again kept an idle
                // worker at a third of a core, taken from the JIT and GC threads and from the
                // other process on a shared machine.
                boolean found = false;
                for (int spin = 0; spin < SPINS; spin++) {
                    if (generation != seen && job != null) {
                        found = true;
                        break;
                    }
                    Thread.onSpinWait();
                }
                while (!found && (generation == seen || job == null)) {
                    LockSupport.park(this);
                    found = generation != seen && job != null;
                }
            }
        }
    }

    private static final class Job {
        final int tasks;
        final TaskBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int tasks, TaskBody body) {
            this.tasks = tasks;
            this.body = body;
        }

        void work() {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    body.run(t);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void await() {
            while (done.get() < tasks) {
                Thread.onSpinWait();
            }
        }
    }
}
