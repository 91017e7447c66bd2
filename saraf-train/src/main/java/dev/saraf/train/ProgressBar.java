package dev.saraf.train;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows training progress: loss, accuracy (classification), samples per second and the time left
 * in the epoch. On a terminal it is one line redrawn in place with {@code \r} (at most ten times a
 * second); elsewhere (a log file, a pipe, a test) it prints plain lines: one each time another
 * {@code percentStep} percent of the epoch is done, and one summary line per epoch with the
 * validation results.
 *
 * <pre>
 * epoch 2/5 [==============&gt;         ]  58%  loss 0.2931  acc 0.9153  21450 samples/s  ETA 0:01
 * epoch 2/5  loss 0.2712  acc 0.9210  val_loss 0.2480  val_acc 0.9281  lr 0.001  2.3s  21730 samples/s
 * </pre>
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 25;
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final boolean live;
    private final int percentStep;
    private int nextPercent;
    private long lastDraw;

    /** On {@code System.out}, live when stdout is a terminal, else a line every 25%. */
    public ProgressBar() {
        this(System.out, isTerminal(), 25);
    }

    /**
     * @param out         where to print
     * @param live        redraw one line with {@code \r} (for terminals) instead of printing lines
     * @param percentStep in plain mode, print a progress line each time this many percent more of the
     *                    epoch is done (1..100; 100 prints only the epoch summaries)
     */
    public ProgressBar(PrintStream out, boolean live, int percentStep) {
        if (percentStep < 1 || percentStep > 100) {
            throw new IllegalArgumentException("ProgressBar: percentStep must be in 1..100, got " + percentStep);
        }
        this.out = java.util.Objects.requireNonNull(out, "out");
        this.live = live;
        this.percentStep = percentStep;
    }

    /** True when a console is attached and it is a terminal (not a pipe or file). */
    public static boolean isTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void onEpochStart(Fit fit) {
        nextPercent = percentStep;
        lastDraw = System.nanoTime();
    }

    @Override
    public void onBatchEnd(Fit fit) {
        int percent = fit.batches() == 0 ? 100 : (int) (100L * fit.batch() / fit.batches());
        if (live) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS || fit.batch() == fit.batches()) {
                lastDraw = now;
                out.print("\r" + progressLine(fit, percent) + "  ");
                out.flush();
            }
        } else if (percent >= nextPercent && percent < 100) {
            while (nextPercent <= percent) {
                nextPercent += percentStep;
            }
            out.println(progressLine(fit, percent));
        }
    }

    @Override
    public void onEpochEnd(Fit fit, EpochRecord r) {
        StringBuilder sb = new StringBuilder();
        if (live) {
            sb.append('\r');
        }
        sb.append(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", r.epoch(), fit.epochs(), r.loss()));
        r.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", shortName(k), v)));
        if (r.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.4f", r.valLoss()));
            r.valMetrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  val_%s %.4f", shortName(k), v)));
        }
        sb.append(String.format(Locale.ROOT, "  lr %.3g  %.1fs  %.0f samples/s", r.lr(), r.seconds(), r.samplesPerSecond()));
        if (live) {
            sb.append("\u001b[K"); // clear what is left of a longer progress line
        }
        out.println(sb);
        out.flush();
    }

    @Override
    public void onFitEnd(Fit fit) {
        if (fit.stopReason() != null) {
            out.println((live ? "\n" : "") + "stopped: " + fit.stopReason());
        }
        out.flush();
    }

    private String progressLine(Fit fit, int percent) {
        int filled = WIDTH * percent / 100;
        StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        double rate = fit.samplesPerSecond();
        double left = rate > 0 ? (fit.samples() - fit.seen()) / rate : 0;
        String acc = Double.isNaN(fit.runningAccuracy()) ? "" : String.format(Locale.ROOT, "  acc %.4f", fit.runningAccuracy());
        return String.format(Locale.ROOT, "epoch %d/%d %s %3d%%  loss %.4f%s  %.0f samples/s  ETA %s", fit.epoch(), fit.epochs(),
                bar, percent, fit.runningLoss(), acc, rate, clock(left));
    }

    private static String shortName(String metric) {
        return metric.equals("accuracy") ? "acc" : metric;
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
