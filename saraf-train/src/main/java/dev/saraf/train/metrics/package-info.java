/**
 * Classification and regression metrics: {@link dev.saraf.train.metrics.ConfusionMatrix}
 * (accuracy, per-class precision, recall, F1 and macro averages), top-k accuracy, and
 * {@link dev.saraf.train.metrics.RegressionMeter} (MSE, MAE, R²), all streaming over batches
 * without allocating so the trainer can update them in its loop.
 */
package dev.saraf.train.metrics;
