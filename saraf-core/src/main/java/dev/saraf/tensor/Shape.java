package dev.saraf.tensor;

import java.util.Arrays;

/**
 * The dimensions of a row-major tensor: immutable, with the element count and strides derived.
 * A rank-0 shape {@code []} holds one element (a scalar).
 */
public final class Shape {
    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a negative dimension at axis " + i);
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.dims = dims;
        this.numel = (int) n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The rank-0 shape of a scalar. */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public int numel() {
        return numel;
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Normalises a possibly negative axis, or throws naming the axis and this shape. */
    public int axis(int axis) {
        int r = dims.length;
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this + " (rank " + r + ")");
        }
        return a;
    }

    /** Product of dimensions in {@code [from, to)}. */
    public int numel(int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    /**
     * True when the dimensions are exactly {@code other}. (Named {@code is}, not {@code equals}:
     * an {@code equals(int...)} overload would silently lose to {@code equals(Object)} for one int.)
     */
    public boolean is(int... other) {
        return Arrays.equals(dims, other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
