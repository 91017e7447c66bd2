package dev.saraf.tensor;

/** 2-D max and average pooling. */
public final class Pooling {
    private Pooling() {}

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) { throw todo("maxPool2d"); }
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) { throw todo("avgPool2d"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
