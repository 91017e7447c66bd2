package dev.saraf.serve.ui;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The playground's two-class point sets in the square [-1, 1]²: class 1 (drawn green) and class 0
 * (drawn red), as in the course's pictures.
 *
 * <ul>
 *   <li>{@code blobs}: two Gaussian clouds, separable by a straight line.</li>
 *   <li>{@code circles}: a disc of one class inside a ring of the other.</li>
 *   <li>{@code xor}: the four quadrants, diagonal ones alike.</li>
 *   <li>{@code spiral}: two interleaved spirals.</li>
 * </ul>
 * The last three need a non-linear network: with linear activations every boundary is a line.
 */
public enum PointSet {
    /** Two Gaussian clouds. */
    BLOBS,
    /** A disc inside a ring. */
    CIRCLES,
    /** The four quadrants. */
    XOR,
    /** Two spirals. */
    SPIRAL;

    /** The name in requests, e.g. {@code "xor"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The point set named {@code name}, or an IllegalArgumentException listing the names. */
    public static PointSet of(String name) {
        for (PointSet p : values()) {
            if (p.label().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown point set \"" + name + "\"; use blobs, circles, xor or spiral");
    }

    /**
     * {@code n} points, half of each class, from {@code seed}, with Gaussian noise of standard
     * deviation {@code noise} added to the coordinates.
     *
     * @return {@code xy [2n]} (x, y interleaved) and {@code labels [n]} (0 or 1) in a {@link Points}
     */
    public Points generate(int n, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xy = new float[2 * n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double x;
            double y;
            switch (this) {
                case BLOBS -> {
                    double c = label == 1 ? 0.45 : -0.45;
                    x = c + gaussian(rng) * 0.22;
                    y = c + gaussian(rng) * 0.22;
                }
                case CIRCLES -> {
                    double r = label == 1 ? rng.nextDouble() * 0.4 : 0.65 + rng.nextDouble() * 0.3;
                    double a = rng.nextDouble() * 2 * Math.PI;
                    x = r * Math.cos(a);
                    y = r * Math.sin(a);
                }
                case XOR -> {
                    x = (rng.nextDouble() * 0.9 + 0.05) * (rng.nextBoolean() ? 1 : -1);
                    double sign = label == 1 ? Math.signum(x) : -Math.signum(x);
                    y = (rng.nextDouble() * 0.9 + 0.05) * sign;
                }
                case SPIRAL -> {
                    double t = rng.nextDouble();
                    double r = 0.05 + 0.9 * t;
                    double a = 3 * Math.PI * t + (label == 1 ? Math.PI : 0);
                    x = r * Math.cos(a);
                    y = r * Math.sin(a);
                }
                default -> throw new AssertionError(this);
            }
            xy[2 * i] = (float) (x + gaussian(rng) * noise);
            xy[2 * i + 1] = (float) (y + gaussian(rng) * noise);
            labels[i] = label;
        }
        return new Points(xy, labels);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian of its own that is stable across JDKs
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Generated points.
     *
     * @param xy     coordinates {@code [2n]}, x and y interleaved
     * @param labels classes {@code [n]}, 0 or 1
     */
    public record Points(float[] xy, float[] labels) {
        /** The number of points. */
        public int size() {
            return labels.length;
        }
    }
}
