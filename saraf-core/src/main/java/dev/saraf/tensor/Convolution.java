package dev.saraf.tensor;

/** 2-D convolution lowered to GEMM. */
public final class Convolution {
    private Convolution() {}

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) { throw todo("conv2d"); }

    private static UnsupportedOperationException todo(String op) {
        return new UnsupportedOperationException(op + " is not implemented yet");
    }
}
