package dev.saraf.train;

/**
 * Hooks into {@link Trainer#fit}: progress display, logging, checkpoints, early stopping. Every
 * method does nothing by default. A callback stops training with {@link Fit#stop(String)}: after
 * the current batch when called from {@link #onBatchEnd} (the unfinished epoch is not recorded),
 * after the current epoch from {@link #onEpochEnd}. Epoch numbers start at 1.
 *
 * <p>{@link #onBatchEnd} runs on the training thread once per batch: keep it cheap (no
 * allocation in the common case).
 */
public interface Callback {
    /** Before the first epoch of this call (after a resume, before the first remaining epoch). */
    default void onFitStart(Fit fit) {}

    /** Before epoch {@code fit.epoch()} starts. */
    default void onEpochStart(Fit fit) {}

    /** After batch {@code fit.batch()} (from 1) of the current epoch has updated the weights. */
    default void onBatchEnd(Fit fit) {}

    /** After the epoch's training and validation; {@code record} is already in {@code fit.history()}. */
    default void onEpochEnd(Fit fit, EpochRecord record) {}

    /** After the last epoch, or after a stop. */
    default void onFitEnd(Fit fit) {}
}
