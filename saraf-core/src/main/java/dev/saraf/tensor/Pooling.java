package dev.saraf.tensor;

import dev.saraf.autograd.Engine;
import dev.saraf.autograd.NoGrad;
import dev.saraf.kernels.Parallel;
import dev.saraf.kernels.Pool2d;
import dev.saraf.kernels.Window2d;
import java.util.Arrays;

/**
 * 2-D max and average pooling on the {@link Pool2d} kernels, forward and backward. The
 * {@code N * C} planes are independent, so both directions split them statically over the pool.
 */
public final class Pooling {
    /** Enough window taps per chunk that a task outweighs the hand-off to a worker. */
    private static final int GRAIN_WORK = 1 << 14;

    private Pooling() {}

    /**
     * Max pooling {@code [N, C, H, W] -> [N, C, P, Q]} with
     * {@code P = (H + 2 padding[0] - kernel[0]) / stride[0] + 1} and likewise Q. {@code kernel},
     * {@code stride} (null: the kernel size) and {@code padding} (at most half the kernel) are
     * (height, width) pairs; padded positions never win. The gradient goes to the first maximum of
     * each window in row-major order.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Window2d w = window("maxPool2d", x, kernel, stride, padding);
        int planes = x.size(0) * x.size(1);
        int hw = w.planeSize();
        int pq = w.outPlaneSize();
        float[] xd = x.data();
        float[] out = new float[planes * pq];
        int[] argmax = x.requiresGrad() && NoGrad.isGradEnabled() ? ActivationPool.uninitializedInts(out.length) : null;
        Parallel.forRange(planes, grain(w), (lo, hi) ->
                Pool2d.maxForward(w, hi - lo, xd, lo * hw, out, lo * pq, argmax, lo * pq));
        Shape shape = Shape.of(x.size(0), x.size(1), w.outHeight(), w.outWidth());
        Tensor result = Tensor.fromOp(out, shape, "maxPool2d", g -> {
            float[] dx = new float[xd.length];
            float[] gd = g.data();
            Parallel.forRange(planes, grain(w), (lo, hi) ->
                    Pool2d.maxBackward(w, hi - lo, gd, lo * pq, argmax, lo * pq, dx, lo * hw));
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
        Engine.recycleSavedAfterBackward(result, argmax); // every window writes its argmax
        return result;
    }

    /**
     * Average pooling {@code [N, C, H, W] -> [N, C, P, Q]}, sizes as in {@link #maxPool2d}; each
     * window's sum is divided by {@code kernel[0] * kernel[1]}, padded zeros included (PyTorch's
     * default {@code count_include_pad=True}).
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Window2d w = window("avgPool2d", x, kernel, stride, padding);
        int planes = x.size(0) * x.size(1);
        int hw = w.planeSize();
        int pq = w.outPlaneSize();
        float[] xd = x.data();
        float[] out = new float[planes * pq];
        Parallel.forRange(planes, grain(w), (lo, hi) -> Pool2d.avgForward(w, hi - lo, xd, lo * hw, out, lo * pq));
        Shape shape = Shape.of(x.size(0), x.size(1), w.outHeight(), w.outWidth());
        return Tensor.fromOp(out, shape, "avgPool2d", g -> {
            float[] dx = new float[xd.length];
            float[] gd = g.data();
            Parallel.forRange(planes, grain(w), (lo, hi) -> Pool2d.avgBackward(w, hi - lo, gd, lo * pq, dx, lo * hw));
            return new Tensor[] {Tensor.wrap(dx, x.shape())};
        }, x);
    }

    private static int grain(Window2d w) {
        return Math.max(1, GRAIN_WORK / Math.max(1, w.outPlaneSize() * w.kernelSize() + w.planeSize()));
    }

    private static Window2d window(String op, Tensor x, int[] kernel, int[] stride, int[] padding) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be [N, C, H, W], got shape " + x.shape());
        }
        return window(op, x.shape(), kernel, stride, padding);
    }

    /** The validated pooling window over the planes of an {@code [N, C, H, W]} input of {@code shape}. */
    static Window2d window(String op, Shape shape, int[] kernel, int[] stride, int[] padding) {
        int[] st = stride == null ? kernel : stride;
        checkPair(op, "kernel", kernel, 1, shape);
        checkPair(op, "stride", st, 1, shape);
        checkPair(op, "padding", padding, 0, shape);
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding) + " must be at most half the kernel "
                    + Arrays.toString(kernel) + " (input " + shape + ")");
        }
        try {
            return Window2d.of(shape.dim(2), shape.dim(3), kernel[0], kernel[1], st[0], st[1], padding[0], padding[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage() + " (input " + shape + ")", e);
        }
    }

    private static void checkPair(String op, String name, int[] pair, int min, Shape shape) {
        if (pair == null || pair.length != 2 || pair[0] < min || pair[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be a (height, width) pair of values >= " + min + ", got "
                    + (pair == null ? "null" : Arrays.toString(pair)) + " (input " + shape + ")");
        }
    }
}
