package dev.saraf.tensor;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Recycles the arrays of activations and gradients that saraf can tell are dead: the JVM's
 * counterpart of PyTorch's caching allocator. A new array costs the JVM its zeroing, on the thread
 * that allocates it, and its share of the collections it triggers: W-MLP's batch-1000 forward
 * allocated 1.5 MB a batch and ran 2.15-2.37 against 2.45-3.03 ms when its two hidden activations
 * were reused, and a W-CNN training step allocated 50 MB.
 *
 * <p>Ops whose output array they overwrite entirely take it from {@link #uninitialized}: a fresh
 * array, unless a pool is in scope ({@link #use}), which hands out an array of the same length
 * given back to it earlier, with whatever values it held. Arrays come back in two ways: a
 * {@code Sequential} running without gradients gives back each intermediate activation once the
 * next layer has made its own ({@link #release}); in training, the autograd engine gives back a
 * gradient once the op it flowed into has run its backward, and an intermediate activation of a
 * {@code Sequential} once the op that made it has ({@link #recycle}; see {@code Engine}).
 *
 * <p>A pool only takes back arrays it handed out itself, each once until it hands it out again,
 * so that an array made elsewhere (the caller's input, an op's constant) is never reused; it
 * remembers what it handed out weakly, forgetting an array that is no longer referenced. It keeps
 * at most {@value #MAX_PER_LENGTH} arrays of each of at most {@value #MAX_LENGTHS} lengths; what
 * it does not keep is left to the garbage collector. A model keeps one pool per thread (see
 * {@code Sequential}); the pool is safe to use from several threads (a backward may run on
 * another thread than its forward), but its scope is not inherited by the worker threads.
 */
public final class ActivationPool {
    /**
     * Arrays kept per length: two for an inference chain that alternates between two buffers; a
     * training step of W-CNN gives back four of one length (the pooled and dropped activations and
     * their gradients, all 128 x 9216).
     */
    static final int MAX_PER_LENGTH = 4;
    /** Distinct lengths kept; the least recently used length goes first. */
    static final int MAX_LENGTHS = 8;

    private static final ScopedValue<ActivationPool> CURRENT = ScopedValue.newInstance();

    /** Free arrays by {@link #key}: float and int arrays of each length apart. */
    private final Map<Long, ArrayDeque<Object>> free = new LinkedHashMap<>(16, 0.75f, true);
    /** Arrays handed out and not given back since; arrays have identity equality, so this is an identity set. */
    private final Set<Object> handedOut = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * An array of {@code n} floats for an op's output that the op writes in full: from the pool in
     * scope when it has one of that length, else a new array.
     */
    public static float[] uninitialized(int n) {
        return CURRENT.isBound() ? (float[]) CURRENT.get().take(key(n, false), n) : new float[n];
    }

    /**
     * An array of {@code n} ints that an op writes in full and keeps for its backward (the argmax
     * of a max pooling), as {@link #uninitialized}; see {@code Engine.recycleSavedAfterBackward}.
     */
    public static int[] uninitializedInts(int n) {
        return CURRENT.isBound() ? (int[]) CURRENT.get().take(key(n, true), n) : new int[n];
    }

    private static long key(int n, boolean ints) {
        return ints ? n | 1L << 32 : n;
    }

    /** Whether a pool is in scope on this thread. */
    public static boolean active() {
        return CURRENT.isBound();
    }

    /** The pool in scope on this thread, or {@code null}: an op recorded now remembers it for its backward. */
    public static ActivationPool current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /** Runs {@code body} with this pool in scope on the calling thread. */
    public <T> T use(Supplier<T> body) {
        return ScopedValue.where(CURRENT, this).call(body::get);
    }

    /**
     * Gives back to the pool in scope an array that no live tensor references any more. Ignored
     * without a pool in scope, and unless the pool handed it out and has not had it back since.
     */
    public static void release(float[] array) {
        if (CURRENT.isBound()) {
            CURRENT.get().recycle(array);
        }
    }

    /**
     * Gives back to this pool an array that no live tensor references any more: the caller's
     * promise, which only saraf's own code makes. Ignored unless this pool handed the array out and
     * has not had it back since.
     */
    public void recycle(float[] array) {
        if (array != null) {
            giveBack(array, key(array.length, false));
        }
    }

    /** Gives back an int array, as {@link #recycle(float[])}. */
    public void recycle(int[] array) {
        if (array != null) {
            giveBack(array, key(array.length, true));
        }
    }

    private synchronized void giveBack(Object array, long key) {
        if (!handedOut.remove(array)) {
            return;
        }
        ArrayDeque<Object> kept = free.computeIfAbsent(key, n -> new ArrayDeque<>());
        if (kept.size() < MAX_PER_LENGTH) {
            kept.push(array);
        }
        if (free.size() > MAX_LENGTHS) {
            Iterator<Long> eldest = free.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Floats held for reuse (for tests and diagnostics). */
    public long heldFloats() {
        return held(0);
    }

    /** Ints held for reuse (for tests and diagnostics). */
    public long heldInts() {
        return held(1);
    }

    private synchronized long held(long kind) {
        long total = 0;
        for (Map.Entry<Long, ArrayDeque<Object>> e : free.entrySet()) {
            if (e.getKey() >>> 32 == kind) {
                total += (long) e.getKey().intValue() * e.getValue().size();
            }
        }
        return total;
    }

    private synchronized Object take(long key, int n) {
        ArrayDeque<Object> kept = free.get(key);
        Object a = kept != null && !kept.isEmpty() ? kept.pop() : key >>> 32 == 0 ? new float[n] : new int[n];
        handedOut.add(a);
        return a;
    }
}
