package dev.saraf.serve.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The loaded model versions, at most {@code capacity}, least recently used dropped first. A version
 * is loaded once however many requests ask for it at the same time; a failed load is not cached.
 * Keys carry the blob's hash, so a re-registered version never serves stale weights.
 *
 * @param <K> the key (model, version and content hash)
 */
public final class ModelCache<K> implements AutoCloseable {
    private final int capacity;
    private final LinkedHashMap<K, CompletableFuture<Loaded>> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** A loaded version: the model and, with batching on, its batcher (else null). */
    public record Loaded(ServedModel model, Batcher batcher) implements AutoCloseable {
        @Override
        public void close() {
            if (batcher != null) {
                batcher.close();
            }
        }
    }

    /** A cache of at most {@code capacity} versions. */
    public ModelCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The loaded version for {@code key}, loading it with {@code loader} when absent.
     *
     * @throws RuntimeException what the loader threw (the failed entry is dropped so a later call retries)
     */
    public Loaded get(K key, Function<K, Loaded> loader) {
        CompletableFuture<Loaded> future;
        boolean mine = false;
        List<CompletableFuture<Loaded>> evicted = new ArrayList<>();
        synchronized (entries) {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                mine = true;
                Iterator<Map.Entry<K, CompletableFuture<Loaded>>> it = entries.entrySet().iterator();
                while (entries.size() > capacity && it.hasNext()) {
                    Map.Entry<K, CompletableFuture<Loaded>> eldest = it.next();
                    if (eldest.getValue() != future) {
                        evicted.add(eldest.getValue());
                        it.remove();
                    }
                }
            }
        }
        for (CompletableFuture<Loaded> f : evicted) {
            f.thenAcceptAsync(Loaded::close); // in-flight requests on it still finish: the batcher drains its queue
        }
        if (mine) {
            try {
                future.complete(loader.apply(key));
            } catch (RuntimeException | Error e) {
                synchronized (entries) {
                    entries.remove(key, future);
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Drops every version whose key matches (e.g. a deleted version), closing it. */
    public void evictIf(java.util.function.Predicate<K> which) {
        List<CompletableFuture<Loaded>> evicted = new ArrayList<>();
        synchronized (entries) {
            Iterator<Map.Entry<K, CompletableFuture<Loaded>>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<K, CompletableFuture<Loaded>> e = it.next();
                if (which.test(e.getKey())) {
                    evicted.add(e.getValue());
                    it.remove();
                }
            }
        }
        evicted.forEach(f -> f.thenAcceptAsync(Loaded::close));
    }

    /** How many versions are loaded (or loading). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Closes every loaded version. */
    @Override
    public void close() {
        evictIf(k -> true);
    }
}
