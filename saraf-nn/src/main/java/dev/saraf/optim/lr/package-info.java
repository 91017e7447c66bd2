/**
 * Learning-rate schedules that set an {@link dev.saraf.optim.Optimizer}'s rate as training goes:
 * {@link dev.saraf.optim.lr.StepLR}, {@link dev.saraf.optim.lr.ExponentialLR},
 * {@link dev.saraf.optim.lr.CosineAnnealingLR} (with linear warm-up), all computed in closed form
 * from an epoch count, and {@link dev.saraf.optim.lr.ReduceLROnPlateau}, driven by a monitored
 * metric. Each saves and restores its state.
 */
package dev.saraf.optim.lr;
