package dev.saraf.train.plot;

import dev.saraf.train.AtomicFiles;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Shared drawing setup and the PNG writer (temporary file renamed into place) of the plots. */
final class Png {
    static final Color TRAIN = new Color(31, 119, 180);
    static final Color VALIDATION = new Color(255, 127, 14);
    static final Color WRONG = new Color(220, 20, 20);
    static final Color RIGHT = new Color(40, 160, 40);
    static final Color AXIS = new Color(60, 60, 60);
    static final Color GRID = new Color(225, 225, 225);

    private Png() {}

    /** A white RGB image and its antialiased graphics with the plots' default font. */
    static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    /** Writes {@code img} as PNG to {@code file} through a temporary file in the same directory. */
    static void write(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available to write " + file);
            }
        });
    }

    /** Draws {@code s} centred horizontally on {@code x} with its baseline at {@code y}. */
    static void centred(Graphics2D g, String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }
}
