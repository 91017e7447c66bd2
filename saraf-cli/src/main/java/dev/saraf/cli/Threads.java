package dev.saraf.cli;

import dev.saraf.kernels.Parallel;
import java.util.concurrent.Callable;

/** Runs work with the {@code --threads} a command was given (0: the default, one per core). */
final class Threads {
    private Threads() {}

    /** {@code body}'s result, computed with {@code threads} compute threads (0: as configured). */
    static <T> T call(int threads, Callable<T> body) {
        try {
            return threads > 0 ? Parallel.withThreads(threads, body) : body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
