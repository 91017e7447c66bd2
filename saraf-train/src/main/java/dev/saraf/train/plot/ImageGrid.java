package dev.saraf.train.plot;

import dev.saraf.tensor.Tensor;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A grid of example images with their predicted and true labels; wrong predictions get a red
 * frame and red text, right ones a green frame. Each image is scaled up by a whole factor to at
 * least 56 pixels high and its values are stretched from their own minimum (black) to maximum
 * (white), so normalised inputs display as well as raw pixels.
 */
public final class ImageGrid {
    static final int PAD = 8;
    static final int BORDER = 3;
    static final int TEXT = 34;
    static final int TITLE = 30;

    private ImageGrid() {}

    /** Renders and writes; see {@link #render}. */
    public static void write(Tensor images, int[] predicted, int[] actual, List<String> names, int columns, Path file)
            throws IOException {
        Png.write(render(images, predicted, actual, names, columns), file);
    }

    /**
     * @param images    {@code [N, C, H, W]} with C 1 (grey) or 3 (RGB), or {@code [N, H, W]}
     * @param predicted N predicted classes
     * @param actual    N true classes
     * @param names     class names (indices are shown where null or short)
     * @param columns   images per row
     */
    public static BufferedImage render(Tensor images, int[] predicted, int[] actual, List<String> names, int columns) {
        Layout l = Layout.of(images, predicted, actual, columns);
        BufferedImage img = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.canvas(img);
        int wrong = 0;
        for (int i = 0; i < l.n(); i++) {
            wrong += predicted[i] != actual[i] ? 1 : 0;
        }
        g.setColor(Png.AXIS);
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 14f));
        Png.centred(g, "predicted / true (" + wrong + " of " + l.n() + " wrong)", l.width() / 2.0, 20);
        g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 11f));
        FontMetrics fm = g.getFontMetrics();
        float[] d = images.data();
        int plane = l.h() * l.w();
        for (int i = 0; i < l.n(); i++) {
            int x = l.tileX(i);
            int y = l.tileY(i);
            boolean ok = predicted[i] == actual[i];
            g.setColor(ok ? Png.RIGHT : Png.WRONG);
            g.fillRect(x, y, l.tileW(), l.tileH());
            int off = i * l.channels() * plane;
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < l.channels() * plane; k++) {
                lo = Math.min(lo, d[off + k]);
                hi = Math.max(hi, d[off + k]);
            }
            float range = hi > lo ? hi - lo : 1;
            for (int r = 0; r < l.h(); r++) {
                for (int c = 0; c < l.w(); c++) {
                    int rgb = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        int src = off + (l.channels() == 3 ? ch : 0) * plane + r * l.w() + c;
                        float v = Float.isFinite(d[src]) ? (d[src] - lo) / range : 0;
                        rgb = rgb << 8 | Math.round(Math.clamp(v, 0f, 1f) * 255);
                    }
                    g.setColor(new Color(rgb));
                    g.fillRect(x + BORDER + c * l.scale(), y + BORDER + r * l.scale(), l.scale(), l.scale());
                }
            }
            g.setColor(ok ? Png.AXIS : Png.WRONG);
            String p = "pred " + name(names, predicted[i]);
            String t = "true " + name(names, actual[i]);
            int cx = x + l.tileW() / 2;
            g.drawString(fit(p, fm, l.pitchX() - PAD), cx - fm.stringWidth(fit(p, fm, l.pitchX() - PAD)) / 2, y + l.tileH() + 14);
            g.drawString(fit(t, fm, l.pitchX() - PAD), cx - fm.stringWidth(fit(t, fm, l.pitchX() - PAD)) / 2, y + l.tileH() + 28);
        }
        g.dispose();
        return img;
    }

    private static String name(List<String> names, int k) {
        return names != null && k >= 0 && k < names.size() ? names.get(k) : Integer.toString(k);
    }

    private static String fit(String s, FontMetrics fm, int width) {
        while (s.length() > 4 && fm.stringWidth(s) > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Geometry: tile {@code i} (framed image) at {@code (tileX(i), tileY(i))}, {@code tileW x tileH}. */
    record Layout(int n, int channels, int h, int w, int scale, int columns, int pitchX, int pitchY) {
        static Layout of(Tensor images, int[] predicted, int[] actual, int columns) {
            int r = images.rank();
            if (!(r == 3 || (r == 4 && (images.size(1) == 1 || images.size(1) == 3)))) {
                throw new IllegalArgumentException("ImageGrid: images must be [N, 1 or 3, H, W] or [N, H, W], got " + images.shape());
            }
            int n = images.size(0);
            if (predicted.length != n || actual.length != n) {
                throw new IllegalArgumentException("ImageGrid: " + n + " images but " + predicted.length + " predictions and "
                        + actual.length + " labels");
            }
            if (columns < 1) {
                throw new IllegalArgumentException("ImageGrid: columns must be >= 1, got " + columns);
            }
            int ch = r == 4 ? images.size(1) : 1;
            int h = images.size(r - 2);
            int w = images.size(r - 1);
            int scale = Math.max(1, (56 + h - 1) / h);
            int tileW = w * scale + 2 * BORDER;
            int tileH = h * scale + 2 * BORDER;
            return new Layout(n, ch, h, w, scale, Math.min(columns, Math.max(1, n)), Math.max(tileW, 84) + PAD, tileH + TEXT + PAD);
        }

        int tileW() {
            return w * scale + 2 * BORDER;
        }

        int tileH() {
            return h * scale + 2 * BORDER;
        }

        int tileX(int i) {
            return PAD + (i % columns) * pitchX + (pitchX - PAD - tileW()) / 2;
        }

        int tileY(int i) {
            return TITLE + (i / columns) * pitchY;
        }

        int width() {
            return PAD + columns * pitchX;
        }

        int height() {
            return TITLE + ((n + columns - 1) / columns) * pitchY;
        }
    }
}
