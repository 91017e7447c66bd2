package dev.saraf.train;

import dev.saraf.io.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link Checkpoint} (weights, optimiser and schedule state, history) at the end of
 * epochs: after every epoch ({@link #everyEpoch}), or only when a monitored value improves
 * ({@link #best}). A {@code {epoch}} in the file name is replaced by the epoch number, so every
 * epoch can keep its own file. {@link Trainer#resume} continues from any of them, and each is a
 * {@link dev.saraf.io.ModelFile} that {@code ModelFile.load} opens for inference.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final Monitor monitor;
    private final Provenance provenance;
    private final Map<String, String> extra;
    private double best;
    private Path lastWritten;

    private ModelCheckpoint(Path file, Monitor monitor, Provenance provenance, Map<String, String> extra) {
        this.file = java.util.Objects.requireNonNull(file, "file");
        this.monitor = monitor;
        this.provenance = provenance;
        this.extra = Map.copyOf(extra);
    }

    /** A checkpoint after every epoch. */
    public static ModelCheckpoint everyEpoch(Path file) {
        return new ModelCheckpoint(file, null, null, Map.of());
    }

    /** A checkpoint whenever {@code monitor} improves on its best so far. */
    public static ModelCheckpoint best(Path file, Monitor monitor) {
        return new ModelCheckpoint(file, java.util.Objects.requireNonNull(monitor, "monitor"), null, Map.of());
    }

    /**
     * This callback, writing {@code provenance} (hyperparameters, data set; the seed and metrics are
     * filled in) and the {@code extra} metadata strings (class names, preprocessing) into every file.
     */
    public ModelCheckpoint with(Provenance provenance, Map<String, String> extra) {
        return new ModelCheckpoint(file, monitor, provenance, extra);
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
            Checkpoint.save(target, fit.trainer(), fit.history(), provenance, extra);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + target + ": " + e.getMessage(), e);
        }
        lastWritten = target;
    }
}
