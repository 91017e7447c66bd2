package dev.saraf.train.plot;

import dev.saraf.train.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A confusion matrix as a heat-map: rows are the true classes, columns the predicted ones, each
 * cell coloured from white to dark blue by its share of its row (so the diagonal reads as
 * per-class recall) and labelled with its count; class names along both axes.
 */
public final class ConfusionHeatmap {
    static final int TOP = 44;
    static final Color DARK = new Color(8, 48, 107);

    private ConfusionHeatmap() {}

    /** Renders {@code m} with {@code names} (or class indices when null or short) to {@code file}. */
    public static void write(ConfusionMatrix m, List<String> names, Path file) throws IOException {
        Png.write(render(m, names), file);
    }

    /** The heat-map image; its size follows from the class count and the longest name. */
    public static BufferedImage render(ConfusionMatrix m, List<String> names) {
        Layout l = Layout.of(m.classes(), names);
        BufferedImage img = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.canvas(img);
        int c = m.classes();
        long[][] counts = m.counts();
        for (int a = 0; a < c; a++) {
            long row = 0;
            for (long v : counts[a]) {
                row += v;
            }
            for (int p = 0; p < c; p++) {
                double f = row == 0 ? 0 : (double) counts[a][p] / row;
                Color fill = shade(f);
                int x = l.left() + p * l.cell();
                int y = TOP + a * l.cell();
                g.setColor(fill);
                g.fillRect(x, y, l.cell(), l.cell());
                g.setColor(f > 0.5 ? Color.WHITE : Png.AXIS);
                Png.centred(g, Long.toString(counts[a][p]), x + l.cell() / 2.0, y + l.cell() / 2.0 + 5);
            }
        }
        g.setColor(Png.AXIS);
        g.drawRect(l.left(), TOP, c * l.cell(), c * l.cell());
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < c; k++) {
            String s = Layout.name(names, k);
            g.drawString(s, l.left() - 6 - fm.stringWidth(s), TOP + k * l.cell() + l.cell() / 2 + 5);
            Png.centred(g, s, l.left() + k * l.cell() + l.cell() / 2.0, TOP + c * l.cell() + 18);
        }
        Png.centred(g, "predicted", l.left() + c * l.cell() / 2.0, TOP + c * l.cell() + 40);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        Png.centred(g, "true", -(TOP + c * l.cell() / 2.0), 16);
        g.setTransform(saved);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        Png.centred(g, String.format(java.util.Locale.ROOT, "Confusion matrix (accuracy %.2f%%)", 100 * m.accuracy()),
                l.width() / 2.0, 26);
        g.dispose();
        return img;
    }

    /** White for 0, {@link #DARK} for 1, linear between. */
    static Color shade(double f) {
        return new Color(mix(255, DARK.getRed(), f), mix(255, DARK.getGreen(), f), mix(255, DARK.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** Where things go: cells of {@code cell} pixels from {@code (left, TOP)}. */
    record Layout(int left, int cell, int width, int height) {
        static Layout of(int classes, List<String> names) {
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = Png.canvas(scratch);
            FontMetrics fm = g.getFontMetrics();
            int longest = 0;
            for (int k = 0; k < classes; k++) {
                longest = Math.max(longest, fm.stringWidth(name(names, k)));
            }
            g.dispose();
            int cell = Math.max(44, longest + 8);
            int left = 34 + longest + 8;
            int width = Math.max(left + classes * cell + 20, 300);
            return new Layout(left, cell, width, TOP + classes * cell + 52);
        }

        static String name(List<String> names, int k) {
            return names != null && k < names.size() ? names.get(k) : Integer.toString(k);
        }
    }
}
