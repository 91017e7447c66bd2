package dev.saraf.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a {@link Checkpoint} (weights, optimiser and schedule state, history) at the end of
 * epochs: after every epoch ({@link #everyEpoch}), or only when a monitored value improves
 * ({@link #best}). A {@code {epoch}} in the file name is replaced by the epoch number, so every
 * epoch can keep its own file. {@link Trainer#resume} continues from any of them.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final Monitor monitor;
    private double best;
    private Path lastWritten;

    private ModelCheckpoint(Path file, Monitor monitor) {
        this.file = java.util.Objects.requireNonNull(file, "file");
        this.monitor = monitor;
    }

    /** A checkpoint after every epoch. */
    public static ModelCheckpoint everyEpoch(Path file) {
        return new ModelCheckpoint(file, null);
    }

    /** A checkpoint whenever {@code monitor} improves on its best so far. */
    public static ModelCheckpoint best(Path file, Monitor monitor) {
        return new ModelCheckpoint(file, java.util.Objects.requireNonNull(monitor, "monitor"));
    }

    /** The file written last, or {@code null}. */
    public Path lastWritten() {
        return lastWritten;
    }

    @Override
    public void onFitStart(Fit fit) {
        best = monitor == null ? 0 : monitor.worst();
        if (monitor != null) {
            // After a resume, keep improving on the best the earlier epochs reached.
            for (double v : fit.history().series(monitor.key())) {
                if (monitor.improves(v, best)) {
                    best = v;
                }
            }
        }
    }

    @Override
    public void onEpochEnd(Fit fit, EpochRecord record) {
        if (monitor != null) {
            double v = record.get(monitor.key());
            if (!monitor.improves(v, best)) {
                return;
            }
            best = v;
        }
        Path target = file.resolveSibling(file.getFileName().toString().replace("{epoch}", Integer.toString(record.epoch())));
        try {
            Checkpoint.save(target, fit.trainer(), fit.history());
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + target + ": " + e.getMessage(), e);
        }
        lastWritten = target;
    }
}
