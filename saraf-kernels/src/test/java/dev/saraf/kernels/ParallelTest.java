package dev.saraf.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool: ranges are covered exactly once, scopes set the thread count, failures surface. */
class ParallelTest {

    @Test
    void forRangeCoversEveryIndexOnce() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int n : new int[] {0, 1, 2, 7, 100, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                Parallel.withThreads(threads, () -> Parallel.forRange(n, 1, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                }));
                for (int i = 0; i < n; i++) {
                    assertThat(hits.get(i)).as("threads=%d n=%d index %d", threads, n, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void forRangeRespectsTheGrain() {
        AtomicInteger chunks = new AtomicInteger();
        Parallel.withThreads(4, () -> Parallel.forRange(10, 8, (lo, hi) -> chunks.incrementAndGet()));
        assertThat(chunks.get()).isEqualTo(1);
    }

    @Test
    void forTasksRunsEachTaskOnce() {
        AtomicIntegerArray hits = new AtomicIntegerArray(37);
        Parallel.withThreads(2, () -> Parallel.forTasks(37, hits::incrementAndGet));
        for (int t = 0; t < 37; t++) {
            assertThat(hits.get(t)).isEqualTo(1);
        }
    }

    @Test
    void scopeSetsThreadsAndWorkersDoNotFanOut() throws Exception {
        assertThat(Parallel.withThreads(3, Parallel::threads)).isEqualTo(3);
        int tasks = 64;
        AtomicIntegerArray seen = new AtomicIntegerArray(tasks);
        AtomicIntegerArray onWorker = new AtomicIntegerArray(tasks);
        AtomicIntegerArray nested = new AtomicIntegerArray(tasks * 3);
        Parallel.withThreads(2, () -> Parallel.forTasks(tasks, t -> {
            seen.set(t, Parallel.threads());
            onWorker.set(t, Thread.currentThread() instanceof Parallel.Worker ? 1 : 0);
            // a fan-out inside a task runs inline, on whichever thread took the task
            Parallel.forTasks(3, u -> nested.incrementAndGet(t * 3 + u));
        }));
        for (int t = 0; t < tasks; t++) {
            // inside a task, on a pool worker or on the caller, ops do not fan out again
            assertThat(seen.get(t)).as("task %d", t).isEqualTo(1);
        }
        for (int i = 0; i < tasks * 3; i++) {
            assertThat(nested.get(i)).as("nested task %d", i).isEqualTo(1);
        }
        // and the caller's own scope is back once the fan-out is done
        assertThat(Parallel.withThreads(2, () -> {
            Parallel.forTasks(4, t -> { });
            return Parallel.threads();
        })).isEqualTo(2);
    }

    @Test
    void failuresPropagateToTheCaller() {
        assertThatThrownBy(() -> Parallel.withThreads(2, () -> Parallel.forTasks(4, t -> {
            if (t == 3) {
                throw new IllegalStateException("task 3 failed");
            }
        }))).isInstanceOf(IllegalStateException.class).hasMessage("task 3 failed");
        // the pool still works afterwards
        AtomicInteger ran = new AtomicInteger();
        Parallel.withThreads(2, () -> Parallel.forTasks(4, t -> ran.incrementAndGet()));
        assertThat(ran.get()).isEqualTo(4);
    }

    @Test
    void rejectsNonPositiveThreadCounts() {
        assertThatThrownBy(() -> Parallel.withThreads(0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
