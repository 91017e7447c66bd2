package dev.saraf.tensor;

/** Reductions over any set of axes; axes null or empty means all. */
public final class Reductions {
    private Reductions() {}

    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) { throw todo("sum"); }
    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) { throw todo("mean"); }
    public static Tensor max(Tensor x, int[] axes, boolean keepDim) { throw todo("max"); }
    public static Tensor min(Tensor x, int[] axes, boolean keepDim) { throw todo("min"); }
    public static Tensor argmax(Tensor x, int axis, boolean keepDim) { throw todo("argmax"); }
    public static Tensor argmin(Tensor x, int axis, boolean keepDim) { throw todo("argmin"); }
    public static Tensor var(Tensor x, int[] axes, boolean keepDim, int correction) { throw todo("var"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
