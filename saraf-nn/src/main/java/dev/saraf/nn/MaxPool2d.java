package dev.saraf.nn;

import dev.saraf.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Max pooling: the largest value of each window; the gradient goes to that element. {@code [N, C, H, W] -> [N, C, P, Q]} with
 * {@code P = (H + 2 padH - kh) / strideH + 1}. No parameters.
 */
public final class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** Square window, stride equal to the window, no padding. */
    public MaxPool2d(int kernel) {
        this(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
    }

    /** Square window with the given stride and padding. */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** (height, width) pairs; padding at most half the window. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = Conv2d.pair("kernel", kernel, 1);
        this.stride = Conv2d.pair("stride", stride, 1);
        this.padding = Conv2d.pair("padding", padding, 0);
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException("MaxPool2d: padding " + List.of(padding[0], padding[1])
                    + " must be at most half the kernel " + List.of(kernel[0], kernel[1]));
        }
    }

    /** The window (height, width). */
    int[] kernel() {
        return kernel.clone();
    }

    /** The stride (height, width). */
    int[] stride() {
        return stride.clone();
    }

    /** The padding (height, width). */
    int[] padding() {
        return padding.clone();
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.maxPool2d(kernel, stride, padding);
    }

    @Override
    protected Map<String, Object> config() {
        return Architecture.config("MaxPool2d", "kernel", List.of(kernel[0], kernel[1]), "stride", List.of(stride[0], stride[1]),
                "padding", List.of(padding[0], padding[1]));
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + List.of(kernel[0], kernel[1]) + ", stride=" + List.of(stride[0], stride[1]) + ", padding="
                + List.of(padding[0], padding[1]);
    }
}
