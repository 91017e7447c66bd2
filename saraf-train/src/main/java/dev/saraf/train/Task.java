package dev.saraf.train;

/** What a model predicts, which decides the metrics the trainer reports. */
public enum Task {
    /** Class scores {@code [N, C]} (or one logit {@code [N, 1]}) against class indices {@code [N]}: accuracy. */
    CLASSIFICATION,
    /** Values {@code [N, k]} against targets of the same size: MSE, MAE and R². */
    REGRESSION
}
