package dev.saraf.train.metrics;

import dev.saraf.tensor.Tensor;

/**
 * One-shot metrics of a whole set of predictions; for streaming over batches use
 * {@link ConfusionMatrix} and {@link RegressionMeter}, which these delegate to.
 */
public final class Metrics {
    private Metrics() {}

    /** Fraction of rows of {@code scores [N, C]} whose argmax is the class in {@code targets [N]}. */
    public static double accuracy(Tensor scores, Tensor targets) {
        return ConfusionMatrix.of(scores, targets).accuracy();
    }

    /**
     * Fraction of rows of {@code scores [N, C]} whose true class ({@code targets [N]}) is among the
     * {@code k} highest scores. Ties rank the lower class index first, so {@code k = 1} agrees with
     * {@link #accuracy}.
     */
    public static double topKAccuracy(Tensor scores, Tensor targets, int k) {
        if (scores.rank() != 2 || targets.numel() != scores.size(0)) {
            throw new IllegalArgumentException("topKAccuracy: scores must be [N, C] and targets [N], got " + scores.shape()
                    + " and " + targets.shape());
        }
        int n = scores.size(0);
        int c = scores.size(1);
        if (k < 1) {
            throw new IllegalArgumentException("topKAccuracy: k must be >= 1, got " + k);
        }
        float[] s = scores.data();
        float[] t = targets.data();
        long hits = 0;
        for (int i = 0; i < n; i++) {
            int y = (int) t[i];
            if (y != t[i] || y < 0 || y >= c) {
                throw new IllegalArgumentException("topKAccuracy: target " + t[i] + " at index " + i + " is not in [0, " + c + ")");
            }
            float sy = s[i * c + y];
            int rank = 0;
            for (int j = 0; j < c; j++) {
                float v = s[i * c + j];
                if (v > sy || (v == sy && j < y)) {
                    rank++;
                }
            }
            if (rank < k) {
                hits++;
            }
        }
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /** Mean squared error of {@code predictions} against {@code targets} (same number of elements). */
    public static double mse(Tensor predictions, Tensor targets) {
        return RegressionMeter.of(predictions, targets).mse();
    }

    /** Mean absolute error. */
    public static double mae(Tensor predictions, Tensor targets) {
        return RegressionMeter.of(predictions, targets).mae();
    }

    /** Coefficient of determination, averaged uniformly over outputs for {@code [N, k]}. */
    public static double r2(Tensor predictions, Tensor targets) {
        return RegressionMeter.of(predictions, targets).r2();
    }
}
