package dev.saraf.data;

import dev.saraf.tensor.Shape;

/** In-place pixel moves on {@code [C, H, W]} examples, shared by the augmentation transforms. */
final class ImageOps {
    private ImageOps() {}

    /** Checks the example is an image {@code [C, H, W]} and returns {@code {C, H, W}}. */
    static int[] chw(String transform, Shape s) {
        if (s.rank() != 3) {
            throw new IllegalArgumentException(transform + ": expects image examples [C, H, W], got " + s);
        }
        return s.dims();
    }

    /**
     * Moves every channel by {@code dy} rows and {@code dx} columns, filling uncovered pixels with 0:
     * {@code out[y][x] = in[y - dy][x - dx]}. Works in place by visiting pixels in the direction of
     * the move, so each source is read before it is overwritten.
     */
    static void shift(float[] x, int offset, int c, int h, int w, int dy, int dx) {
        if (dy == 0 && dx == 0) {
            return;
        }
        for (int ch = 0; ch < c; ch++) {
            int base = offset + ch * h * w;
            for (int k = 0; k < h; k++) {
                int y = dy > 0 ? h - 1 - k : k;
                int sy = y - dy;
                for (int j = 0; j < w; j++) {
                    int xx = dx > 0 ? w - 1 - j : j;
                    int sx = xx - dx;
                    x[base + y * w + xx] = sy >= 0 && sy < h && sx >= 0 && sx < w ? x[base + sy * w + sx] : 0f;
                }
            }
        }
    }

    /** Mirrors every channel left to right. */
    static void flipHorizontal(float[] x, int offset, int c, int h, int w) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int row = offset + (ch * h + y) * w;
                for (int i = 0, j = w - 1; i < j; i++, j--) {
                    float t = x[row + i];
                    x[row + i] = x[row + j];
                    x[row + j] = t;
                }
            }
        }
    }
}
