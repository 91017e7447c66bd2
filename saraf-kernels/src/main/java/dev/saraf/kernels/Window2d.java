package dev.saraf.kernels;

/**
 * The geometry of a 2-D sliding window over one {@code [H, W]} plane, shared by im2col/col2im and
 * pooling: kernel size, stride, zero padding and dilation per axis, and the output size
 * {@code [P, Q]} they imply, {@code P = (H + 2 padH - dilationH (kernelH - 1) - 1) / strideH + 1}
 * (floor, as PyTorch's default {@code ceil_mode=False}).
 *
 * @param height    input height H
 * @param width     input width W
 * @param kernelH   window height R
 * @param kernelW   window width S
 * @param strideH   vertical step between windows, at least 1
 * @param strideW   horizontal step between windows, at least 1
 * @param padH      implicit rows added above and below, at least 0
 * @param padW      implicit columns added left and right, at least 0
 * @param dilationH spacing between window rows, at least 1
 * @param dilationW spacing between window columns, at least 1
 */
public record Window2d(int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                       int padH, int padW, int dilationH, int dilationW) {

    /** Validates the geometry; the window, dilated, must fit the padded input at least once. */
    public Window2d {
        if (height < 1 || width < 1 || kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("window: input " + height + "x" + width + " and kernel " + kernelH + "x" + kernelW
                    + " must all be at least 1");
        }
        if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("window: stride " + strideH + "x" + strideW + " and dilation " + dilationH + "x"
                    + dilationW + " must be at least 1, padding " + padH + "x" + padW + " at least 0");
        }
        long effH = (long) dilationH * (kernelH - 1) + 1;
        long effW = (long) dilationW * (kernelW - 1) + 1;
        if (effH > height + 2L * padH || effW > width + 2L * padW) {
            throw new IllegalArgumentException("window: kernel " + kernelH + "x" + kernelW + " (dilated " + effH + "x" + effW
                    + ") is larger than the padded input " + (height + 2L * padH) + "x" + (width + 2L * padW));
        }
    }

    /** A window without dilation (pooling). */
    public static Window2d of(int height, int width, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return new Window2d(height, width, kernelH, kernelW, strideH, strideW, padH, padW, 1, 1);
    }

    /** Output height P. */
    public int outHeight() {
        return (height + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    /** Output width Q. */
    public int outWidth() {
        return (width + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    /** Elements of one input plane, {@code H * W}. */
    public int planeSize() {
        return height * width;
    }

    /** Elements of one output plane, {@code P * Q}. */
    public int outPlaneSize() {
        return outHeight() * outWidth();
    }

    /** Elements of one window, {@code R * S}. */
    public int kernelSize() {
        return kernelH * kernelW;
    }

    /**
     * First output column {@code q} whose tap {@code s} lands inside the input:
     * the smallest {@code q >= 0} with {@code q strideW - padW + s dilationW >= 0}.
     */
    int firstValidQ(int s) {
        int shift = padW - s * dilationW; // need q * strideW >= shift
        return shift <= 0 ? 0 : Math.min(outWidth(), (shift + strideW - 1) / strideW);
    }

    /** One past the last output column whose tap {@code s} lands inside the input. */
    int endValidQ(int s) {
        // need q * strideW - padW + s * dilationW <= width - 1
        int lim = width - 1 + padW - s * dilationW;
        if (lim < 0) {
            return 0;
        }
        return Math.min(outWidth(), lim / strideW + 1);
    }
}
