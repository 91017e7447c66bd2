package dev.saraf.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small generated data sets the end-to-end tests train on in seconds. */
final class TinyData {
    private TinyData() {}

    static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    /** Three well-separated blobs in 4 features, labelled with names, in column "species" (not last). */
    static Path classificationCsv(Path dir, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("a,b,species,c,d\n");
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n", 10 + 3 * k + r.nextGaussian() * 0.5,
                    -2 * k + r.nextGaussian() * 0.5, SPECIES[k], r.nextGaussian(), 100 + 50 * k + r.nextGaussian() * 10));
        }
        Path f = dir.resolve("species.csv");
        Files.writeString(f, sb);
        return f;
    }

    /** {@code y = 3a - 2b + 0.5c + noise(0.1)}: a regression whose R² can approach 1. */
    static Path regressionCsv(Path dir, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < rows; i++) {
            double a = r.nextDouble(-1, 1);
            double b = r.nextDouble(-1, 1);
            double c = r.nextDouble(-1, 1);
            double y = 3 * a - 2 * b + 0.5 * c + 0.1 * r.nextGaussian();
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f%n", a, b, c, y));
        }
        Path f = dir.resolve("linear.csv");
        Files.writeString(f, sb);
        return f;
    }

    /** Folders "horizontal" and "vertical" of 12x12 grey PNGs holding one bright bar each. */
    static Path barImages(Path dir, int perClass, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Path root = dir.resolve("bars");
        for (String cls : new String[] {"horizontal", "vertical"}) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < perClass; i++) {
                Files.write(root.resolve(cls).resolve(i + ".png"), barPng(cls.equals("vertical"), r.nextInt(2, 10)));
            }
        }
        return root;
    }

    /** One 12x12 PNG with a bar at {@code at}. */
    static byte[] barPng(boolean vertical, int at) throws IOException {
        BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 12; i++) {
            int x = vertical ? at : i;
            int y = vertical ? i : at;
            img.setRGB(x, y, 0xFFFFFF);
        }
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
