package dev.saraf.tensor;

import dev.saraf.kernels.ReduceKernels;
import dev.saraf.kernels.ReduceOp;

/** Axis bookkeeping for reductions, and the multi-axis reduction run as passes of the kernel. */
final class ReduceAxes {
    private ReduceAxes() {}

    /**
     * Which axes of {@code shape} {@code axes} names: all when null or empty; negative axes count
     * from the end; a repeated axis is an error naming {@code op}.
     */
    static boolean[] flags(String op, Shape shape, int[] axes) {
        boolean[] f = new boolean[shape.rank()];
        if (axes == null || axes.length == 0) {
            java.util.Arrays.fill(f, true);
            return f;
        }
        for (int a : axes) {
            int ax;
            try {
                ax = shape.axis(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
            }
            if (f[ax]) {
                throw new IllegalArgumentException(op + ": axis " + a + " is repeated in " + java.util.Arrays.toString(axes)
                        + " for shape " + shape);
            }
            f[ax] = true;
        }
        return f;
    }

    /** The result shape: reduced axes kept with size 1, or dropped. */
    static Shape reducedShape(Shape shape, boolean[] reduce, boolean keepDim) {
        int[] d = shape.dims();
        int[] out = new int[d.length];
        int r = 0;
        for (int i = 0; i < d.length; i++) {
            if (!reduce[i]) {
                out[r++] = d[i];
            } else if (keepDim) {
                out[r++] = 1;
            }
        }
        return Shape.of(java.util.Arrays.copyOf(out, r));
    }

    /** Number of elements each output reduces. */
    static int count(Shape shape, boolean[] reduce) {
        int n = 1;
        for (int i = 0; i < reduce.length; i++) {
            if (reduce[i]) {
                n *= shape.dim(i);
            }
        }
        return n;
    }

    /**
     * {@code op} of row-major {@code x} of {@code dims} over the flagged axes, in the order of the
     * kept axes. Size-1 axes are dropped and neighbouring axes of the same kind merged; then each
     * group of reduced axes, innermost first, is one {@code [outer, r, inner]} kernel pass.
     */
    static float[] reduce(ReduceOp op, float[] x, int[] dims, boolean[] reduce) {
        int[] d = new int[dims.length];
        boolean[] f = new boolean[dims.length];
        int r = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (r > 0 && f[r - 1] == reduce[i]) {
                d[r - 1] *= dims[i];
            } else {
                d[r] = dims[i];
                f[r] = reduce[i];
                r++;
            }
        }
        float[] cur = x;
        while (true) {
            int g = -1;
            for (int i = r - 1; i >= 0; i--) {
                if (f[i]) {
                    g = i;
                    break;
                }
            }
            if (g < 0) {
                break;
            }
            int outer = 1;
            for (int i = 0; i < g; i++) {
                outer *= d[i];
            }
            int inner = 1;
            for (int i = g + 1; i < r; i++) {
                inner *= d[i];
            }
            float[] out = new float[outer * inner];
            ReduceKernels.reduce(op, cur, 0, outer, d[g], inner, out, 0);
            cur = out;
            // drop group g; its kept neighbours become adjacent and merge
            if (g > 0 && g < r - 1) {
                d[g - 1] *= d[g + 1];
                System.arraycopy(d, g + 2, d, g, r - g - 2);
                System.arraycopy(f, g + 2, f, g, r - g - 2);
                r -= 2;
            } else {
                System.arraycopy(d, g + 1, d, g, r - g - 1);
                System.arraycopy(f, g + 1, f, g, r - g - 1);
                r -= 1;
            }
        }
        return cur == x ? x.clone() : cur;
    }
}
