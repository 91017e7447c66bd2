package dev.saraf.train;

import dev.saraf.data.Task;
import dev.saraf.nn.Module;
import dev.saraf.optim.Optimizer;

/**
 * One call of {@link Trainer#fit} as callbacks see it: where training is (epoch, batch), how the
 * current epoch is going (running loss and accuracy, samples per second), the history so far,
 * and the means to stop. The running figures are kept in primitives, so reading them per batch
 * allocates nothing.
 */
public final class Fit {
    private final Trainer trainer;
    private final int epochs;
    private final int batches;
    private final int samples;
    private final History history;
    private int epoch;
    private int batch;
    private long seen;
    private double lossSum;
    private float batchLoss;
    private long correct;
    private long epochStartNanos;
    private String stopReason;

    Fit(Trainer trainer, int epochs, int batches, int samples, History history) {
        this.trainer = trainer;
        this.epochs = epochs;
        this.batches = batches;
        this.samples = samples;
        this.history = history;
    }

    void startEpoch(int epoch) {
        this.epoch = epoch;
        batch = 0;
        seen = 0;
        lossSum = 0;
        correct = 0;
        batchLoss = Float.NaN;
        epochStartNanos = System.nanoTime();
    }

    void endBatch(float loss, int size, long correctInBatch) {
        batch++;
        batchLoss = loss;
        lossSum += (double) loss * size;
        seen += size;
        correct += correctInBatch;
    }

    /** The trainer running this fit. */
    public Trainer trainer() {
        return trainer;
    }

    /** The model being trained. */
    public Module model() {
        return trainer.model();
    }

    /** The optimiser. */
    public Optimizer optimizer() {
        return trainer.optimizer();
    }

    /** The epoch this fit ends at (the total, counting epochs done before a resume). */
    public int epochs() {
        return epochs;
    }

    /** The current epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** Batches finished in the current epoch. */
    public int batch() {
        return batch;
    }

    /** Batches per epoch. */
    public int batches() {
        return batches;
    }

    /** Training examples per epoch. */
    public int samples() {
        return samples;
    }

    /** Examples trained on so far in the current epoch. */
    public long seen() {
        return seen;
    }

    /** The loss of the last batch. */
    public float batchLoss() {
        return batchLoss;
    }

    /** Mean loss over the current epoch so far. */
    public double runningLoss() {
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    /** Accuracy over the current epoch so far; NaN for regression. */
    public double runningAccuracy() {
        return trainer.options().task() == Task.CLASSIFICATION && seen > 0 ? (double) correct / seen : Double.NaN;
    }

    /** Seconds since the current epoch started. */
    public double epochSeconds() {
        return (System.nanoTime() - epochStartNanos) / 1e9;
    }

    /** Training examples per second in the current epoch so far. */
    public double samplesPerSecond() {
        double s = epochSeconds();
        return s > 0 ? seen / s : 0;
    }

    /** The epochs completed so far (including those before a resume). */
    public History history() {
        return history;
    }

    /** Asks training to stop (see {@link Callback}); the first reason given is kept. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** True once some callback has asked to stop. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** The reason given to {@link #stop}, or {@code null}. */
    public String stopReason() {
        return stopReason;
    }
}
