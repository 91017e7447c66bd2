package dev.saraf.cli;

import java.util.Arrays;

/** Medians and percentiles of benchmark samples, computed as the PyTorch reference script does. */
final class BenchStats {
    private BenchStats() {}

    /** The median: the middle value, or the mean of the two middle ones (Python's statistics.median). */
    static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The {@code q}-quantile as the element at index {@code floor(q * n)} of the sorted samples
     * (the reference script's {@code sorted(us)[100]} and {@code [900]} for 1,000 samples).
     */
    static double quantile(double[] xs, double q) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))];
    }

    /** {@code x} rounded to {@code digits} decimals, for JSON figures that should not show float noise. */
    static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double f = Math.pow(10, digits);
        return Math.round(x * f) / f;
    }
}
