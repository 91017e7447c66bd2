package dev.saraf.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded image into {@code [channels, height, width]} floats in [0, 1].
 *
 * <p>Pixels are read from the raster, not through {@code getRGB} or {@code Graphics2D}, for grey
 * images: Java2D treats {@code TYPE_BYTE_GRAY} as linear grey and brightens it when converting to
 * sRGB, which would shift every MNIST-style pixel. Resizing is bilinear with pixel centres aligned
 * (as PIL and PyTorch's {@code align_corners=false}), computed here so the result is exact and the
 * same on every JDK.
 */
final class Images {
    private Images() {}

    /** Luminance weights of ITU-R BT.601, the ones PIL's {@code convert("L")} uses. */
    private static final float R = 0.299f;
    private static final float G = 0.587f;
    private static final float B = 0.114f;

    /**
     * {@code image} as {@code [channels, height, width]} floats, each pixel value / 255.
     *
     * @param channels 1 (grey, luminance of colour images) or 3 (RGB, grey images replicated)
     */
    static float[] toFloats(BufferedImage image, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        int h = image.getHeight();
        int w = image.getWidth();
        float[] planes = channelsOf(image, channels); // [channels, h, w], values 0..255
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            resize(planes, c * h * w, h, w, out, c * height * width, height, width);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] / 255f;
        }
        return out;
    }

    /** The image's pixels as {@code [channels, h, w]} values in 0..255. */
    private static float[] channelsOf(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        int n = h * w;
        float[] planes = new float[channels * n];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        boolean grey = cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2 && !(cm instanceof java.awt.image.IndexColorModel);
        if (grey) {
            float scale = 255f / ((1 << cm.getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) * scale;
                    for (int c = 0; c < channels; c++) {
                        planes[c * n + y * w + x] = v;
                    }
                }
            }
            return planes;
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            // Transparent pixels are composited over white, the usual page background.
            float a = ((p >>> 24) & 0xFF) / 255f;
            float r = ((p >>> 16) & 0xFF) * a + 255f * (1 - a);
            float g = ((p >>> 8) & 0xFF) * a + 255f * (1 - a);
            float b = (p & 0xFF) * a + 255f * (1 - a);
            if (channels == 1) {
                planes[i] = R * r + G * g + B * b;
            } else {
                planes[i] = r;
                planes[n + i] = g;
                planes[2 * n + i] = b;
            }
        }
        return planes;
    }

    /** Bilinear resize of one plane (align_corners=false, edges clamped); a plain copy at equal size. */
    static void resize(float[] src, int srcOff, int sh, int sw, float[] dst, int dstOff, int dh, int dw) {
        if (sh == dh && sw == dw) {
            System.arraycopy(src, srcOff, dst, dstOff, sh * sw);
            return;
        }
        float sy = (float) sh / dh;
        float sx = (float) sw / dw;
        for (int y = 0; y < dh; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            float wy = fy - y0;
            for (int x = 0; x < dw; x++) {
                float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                float wx = fx - x0;
                float top = src[srcOff + y0 * sw + x0] * (1 - wx) + src[srcOff + y0 * sw + x1] * wx;
                float bottom = src[srcOff + y1 * sw + x0] * (1 - wx) + src[srcOff + y1 * sw + x1] * wx;
                dst[dstOff + y * dw + x] = top * (1 - wy) + bottom * wy;
            }
        }
    }
}
