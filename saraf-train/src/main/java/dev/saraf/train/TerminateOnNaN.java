package dev.saraf.train;

import java.io.PrintStream;

/**
 * Stops training as soon as a batch's loss is NaN or infinite, naming the epoch and the batch, and
 * prints that message to a stream ({@code System.err} by default); the message is also
 * {@link History#stopReason()}. The weights are those after the bad step.
 */
public final class TerminateOnNaN implements Callback {
    private final PrintStream out;

    /** Reports to {@code System.err}. */
    public TerminateOnNaN() {
        this(System.err);
    }

    /** Reports to {@code out} ({@code null}: silent). */
    public TerminateOnNaN(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onBatchEnd(Fit fit) {
        float loss = fit.batchLoss();
        if (!Float.isFinite(loss)) {
            String msg = "loss is " + loss + " at epoch " + fit.epoch() + ", batch " + fit.batch() + " of " + fit.batches()
                    + "; stopping (try a lower learning rate, gradient clipping, or check the data for NaN)";
            fit.stop(msg);
            if (out != null) {
                out.println(msg);
            }
        }
    }
}
