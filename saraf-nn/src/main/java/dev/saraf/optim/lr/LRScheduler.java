package dev.saraf.optim.lr;

import dev.saraf.optim.Optimizer;
import dev.saraf.optim.StateDict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning-rate schedule driven by a step count: the optimiser's learning rate is a function
 * of the base rate (the optimiser's rate when the schedule was made) and the number of
 * {@link #step()} calls so far, the "epoch" (which may count epochs or batches, as the caller
 * steps it). As in PyTorch, the rate for epoch 0 is applied on construction; call {@link #step()}
 * after each epoch's (or batch's) optimiser steps.
 *
 * <p>The rate is computed in closed form from the epoch, never by repeated multiplication, so a
 * schedule restored from its {@link #stateDict()} gives exactly the rates it would have given.
 */
public abstract class LRScheduler {
    private final String name;
    private final Optimizer optimizer;
    private float baseLr;
    private long epoch;

    /** Subclasses must call {@link #start()} at the end of their constructor. */
    protected LRScheduler(String name, Optimizer optimizer) {
        this.name = name;
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** Applies the rate of epoch 0; the last line of every subclass constructor. */
    protected final void start() {
        optimizer.setLr(lrAt(0));
    }

    /** The learning rate for {@code epoch}, given the base rate {@link #baseLr()}. */
    public abstract float lrAt(long epoch);

    /** Hyperparameters as exact strings, for the state dict. */
    protected abstract Map<String, String> hyperparameters();

    /** Advances one epoch and sets the optimiser's learning rate for it. */
    public final void step() {
        epoch++;
        optimizer.setLr(lrAt(epoch));
    }

    /** Number of {@link #step()} calls so far. */
    public final long epoch() {
        return epoch;
    }

    /** The optimiser's learning rate when the schedule started. */
    public final float baseLr() {
        return baseLr;
    }

    /** The optimiser this schedule drives. */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /** The type, hyperparameters, base rate and epoch. */
    public final StateDict stateDict() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("type", name);
        v.putAll(hyperparameters());
        v.put("base_lr", Float.toString(baseLr));
        v.put("last_epoch", Long.toString(epoch));
        return new StateDict(Map.of(), v);
    }

    /** Restores a {@link #stateDict()} of a schedule of the same type and hyperparameters, and applies its rate. */
    public final void loadStateDict(StateDict state) {
        state.requireValue(name, "type", name);
        hyperparameters().forEach((k, v) -> state.requireValue(name, k, v));
        double base = state.doubleValue(name, "base_lr");
        long e = state.longValue(name, "last_epoch");
        if (e < 0 || !(base >= 0)) {
            throw new IllegalArgumentException(name + ".loadStateDict: last_epoch and base_lr must be >= 0, got " + e + " and " + base);
        }
        baseLr = (float) base;
        epoch = e;
        optimizer.setLr(lrAt(epoch));
    }
}
