package dev.saraf.kernels;

/**
 * Inverted dropout from a counter-based random stream: element {@code i} of a call is dropped when
 * {@code hash(seed, i)} falls below {@code p}, so each element's fate depends only on the seed and
 * its index, never on the order in which elements are visited. The work therefore splits over
 * {@link Parallel#forRange} and vectorises freely, and a seed gives the same mask whatever the
 * thread count or kernel mode.
 *
 * <p>The hash is two rounds of a 32-bit integer mixer (Wellons' "lowbias32" constants) over the
 * element index, keyed by the two halves of the 64-bit seed; its top 24 bits are compared with
 * {@code round(p * 2^24)}, so the drop probability is {@code p} to within {@code 2^-25}.
 */
public final class DropoutKernels {
    private DropoutKernels() {}

    /** Probabilities are resolved to this many bits. */
    static final int BITS = 24;

    /**
     * Writes the mask ({@code 0} where dropped, else {@code scale}) to {@code mask} (unless it is
     * null) and, when {@code x} is not null, {@code x[i] * mask[i]} to {@code out}, for
     * {@code i < n}. The mask is a function of the seed, so a backward pass can apply it again
     * from the seed instead of keeping it.
     *
     * @param seed  the call's key (draw a fresh one per call)
     * @param p     drop probability in {@code [0, 1]}
     * @param scale the value kept elements are multiplied by, normally {@code 1 / (1 - p)}
     */
    public static void apply(long seed, double p, float scale, float[] x, int xOff, float[] mask, int maskOff,
                             float[] out, int outOff, int n) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (mask == null && x == null) {
            throw new IllegalArgumentException("dropout: nothing to write, both the mask and the input are null");
        }
        int threshold = threshold(p);
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        Parallel.forRange(n, BinaryKernels.GRAIN, (f, t) -> {
            if (KernelMode.scalar()) {
                DropoutReference.apply(k0, k1, threshold, scale, f, x, xOff + f, mask, maskOff + f, out, outOff + f, t - f);
            } else {
                DropoutVector.apply(k0, k1, threshold, scale, f, x, xOff + f, mask, maskOff + f, out, outOff + f, t - f);
            }
        });
    }

    /** Elements whose 24-bit hash is below this are dropped. */
    static int threshold(double p) {
        return (int) Math.min(1L << BITS, Math.round(p * (1L << BITS)));
    }

    /** The mixer: a bijection on 32-bit integers whose output bits each depend on every input bit. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x7feb352d;
        h ^= h >>> 15;
        h *= 0x846ca68b;
        h ^= h >>> 16;
        return h;
    }

    /** The 24-bit draw of element {@code index} under key {@code (k0, k1)}. */
    static int draw(int k0, int k1, int index) {
        return mix(mix(index + k0) ^ k1) >>> (32 - BITS);
    }
}
