package dev.saraf.train;

import dev.saraf.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops training when a monitored value ({@code val_loss} by default) has not improved for
 * {@code patience} epochs in a row, optionally putting back the weights (parameters and buffers)
 * of the best epoch when training ends. The snapshot is kept in arrays allocated once, at the
 * first improvement.
 */
public final class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBest;
    private double best;
    private int bestEpoch;
    private int wait;
    private List<Tensor> state;
    private float[][] snapshot;

    /**
     * @param monitor     what to watch and which way is better
     * @param patience    epochs without improvement tolerated, {@code >= 0}
     * @param restoreBest put the best epoch's weights back at the end
     */
    public EarlyStopping(Monitor monitor, int patience, boolean restoreBest) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.monitor = java.util.Objects.requireNonNull(monitor, "monitor");
        this.patience = patience;
        this.restoreBest = restoreBest;
    }

    /** Watches {@code val_loss} with the given patience and restores the best weights. */
    public EarlyStopping(int patience) {
        this(Monitor.of("val_loss"), patience, true);
    }

    /** The epoch with the best value so far (0 before any). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best value so far. */
    public double best() {
        return best;
    }

    @Override
    public void onFitStart(Fit fit) {
        best = monitor.worst();
        bestEpoch = 0;
        wait = 0;
        state = new ArrayList<>(fit.model().stateDict().values());
    }

    @Override
    public void onEpochEnd(Fit fit, EpochRecord record) {
        double v = record.get(monitor.key());
        if (monitor.improves(v, best)) {
            best = v;
            bestEpoch = record.epoch();
            wait = 0;
            if (restoreBest) {
                if (snapshot == null) {
                    snapshot = new float[state.size()][];
                    for (int i = 0; i < snapshot.length; i++) {
                        snapshot[i] = new float[state.get(i).numel()];
                    }
                }
                for (int i = 0; i < snapshot.length; i++) {
                    System.arraycopy(state.get(i).data(), 0, snapshot[i], 0, snapshot[i].length);
                }
            }
        } else if (++wait > patience) {
            fit.stop("early stopping: " + monitor.key() + " has not improved for " + wait + " epochs (best "
                    + best + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onFitEnd(Fit fit) {
        if (restoreBest && snapshot != null) {
            for (int i = 0; i < snapshot.length; i++) {
                System.arraycopy(snapshot[i], 0, state.get(i).data(), 0, snapshot[i].length);
            }
        }
    }
}
