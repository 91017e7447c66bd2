package dev.saraf.train.plot;

import dev.saraf.train.History;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Line charts of a value per epoch, training (blue) against validation (orange): x axis the epoch,
 * y axis the value, with ticks, labels, a light grid, a title and a legend. NaN points (no
 * validation that epoch) leave gaps.
 */
public final class Curves {
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 40;
    static final int BOTTOM = 50;

    private Curves() {}

    /** {@code loss} and {@code val_loss} of {@code history}, {@code width x height} pixels, to {@code file}. */
    public static void writeLoss(History history, Path file, int width, int height) throws IOException {
        Png.write(render("Loss", "loss", history.series("loss"), history.series("val_loss"), width, height), file);
    }

    /** {@code accuracy} and {@code val_accuracy} of {@code history} to {@code file}. */
    public static void writeAccuracy(History history, Path file, int width, int height) throws IOException {
        Png.write(render("Accuracy", "accuracy", history.series("accuracy"), history.series("val_accuracy"), width, height), file);
    }

    /** {@code key} and {@code val_<key>} of {@code history} to {@code file}. */
    public static void write(History history, String key, Path file, int width, int height) throws IOException {
        Png.write(render(key, key, history.series(key), history.series("val_" + key), width, height), file);
    }

    /**
     * The chart of {@code train[i]} and {@code validation[i]} at epoch {@code i + 1}.
     *
     * @param validation NaN where absent; all NaN (or null) draws no validation line or legend entry
     */
    public static BufferedImage render(String title, String yLabel, double[] train, double[] validation, int width, int height) {
        if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
            throw new IllegalArgumentException("Curves: " + width + "x" + height + " is too small (at least "
                    + (LEFT + RIGHT + 50) + "x" + (TOP + BOTTOM + 50) + ")");
        }
        double[] val = validation == null ? new double[0] : validation;
        int n = Math.max(train.length, val.length);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : new double[][] {train, val}) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double[] ticks = Ticks.nice(lo, hi, 5);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        if (hi == lo) {
            hi = lo + 1;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.canvas(img);
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        double xMax = Math.max(2, n);
        double xPad = 0.03 * (xMax - 1); // keeps the end points' dots inside the frame
        Axis ax = new Axis(LEFT, TOP, pw, ph, 1 - xPad, xMax + xPad, lo, hi);

        g.setColor(Png.GRID);
        for (double t : ticks) {
            int y = (int) Math.round(ax.y(t));
            g.drawLine(LEFT, y, LEFT + pw, y);
        }
        g.setColor(Png.AXIS);
        g.drawRect(LEFT, TOP, pw, ph);
        for (double t : ticks) {
            int y = (int) Math.round(ax.y(t));
            g.drawLine(LEFT - 5, y, LEFT, y);
            String s = Ticks.label(t, ticks);
            g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), y + 4);
        }
        int step = Math.max(1, (int) Math.ceil(n / 10.0));
        for (int e = 1; e <= Math.max(1, n); e += step) {
            int x = (int) Math.round(ax.x(e));
            g.drawLine(x, TOP + ph, x, TOP + ph + 5);
            Png.centred(g, Integer.toString(e), x, TOP + ph + 18);
        }
        Png.centred(g, "epoch", LEFT + pw / 2.0, height - 10);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        Png.centred(g, yLabel, -(TOP + ph / 2.0), 16);
        g.setTransform(saved);
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 14f));
        Png.centred(g, title, width / 2.0, 24);
        g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 12f));

        boolean hasVal = false;
        for (double v : val) {
            hasVal |= Double.isFinite(v);
        }
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        line(g, ax, train, Png.TRAIN);
        if (hasVal) {
            line(g, ax, val, Png.VALIDATION);
        }
        legend(g, LEFT + pw - 130, TOP + 10, hasVal);
        g.dispose();
        return img;
    }

    private static void line(Graphics2D g, Axis ax, double[] s, java.awt.Color c) {
        g.setColor(c);
        Path2D.Double p = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                pen = false;
                continue;
            }
            double x = ax.x(i + 1);
            double y = ax.y(s[i]);
            if (pen) {
                p.lineTo(x, y);
            } else {
                p.moveTo(x, y);
                pen = true;
            }
            g.fill(new java.awt.geom.Ellipse2D.Double(x - 3, y - 3, 6, 6));
        }
        g.draw(p);
    }

    /** The legend box: a 20x4 swatch per line at {@code (x + 8, y + 12 + 18 k)}. */
    static void legend(Graphics2D g, int x, int y, boolean hasVal) {
        int rows = hasVal ? 2 : 1;
        g.setStroke(new BasicStroke(1f));
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(x, y, 120, 8 + 18 * rows);
        g.setColor(Png.AXIS);
        g.drawRect(x, y, 120, 8 + 18 * rows);
        String[] names = {"train", "validation"};
        java.awt.Color[] colours = {Png.TRAIN, Png.VALIDATION};
        for (int k = 0; k < rows; k++) {
            g.setColor(colours[k]);
            g.fillRect(x + 8, y + 12 + 18 * k, 20, 4);
            g.setColor(Png.AXIS);
            g.drawString(names[k], x + 36, y + 18 + 18 * k);
        }
    }

    /** Maps data coordinates to pixels. */
    private record Axis(int left, int top, int width, int height, double x0, double x1, double y0, double y1) {
        double x(double v) {
            return left + (v - x0) / (x1 - x0) * width;
        }

        double y(double v) {
            return top + height - (v - y0) / (y1 - y0) * height;
        }
    }

    /** Legend position for a chart of {@code width}: used by tests to find the swatches. */
    static int legendX(int width) {
        return width - RIGHT - 130;
    }
}
