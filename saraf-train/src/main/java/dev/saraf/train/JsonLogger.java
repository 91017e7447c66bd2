package dev.saraf.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Rewrites the whole history as JSON ({@link History#toJson()}) after each epoch and at the end, atomically. */
public final class JsonLogger implements Callback {
    private final Path file;

    /** Logs to {@code file}. */
    public JsonLogger(Path file) {
        this.file = java.util.Objects.requireNonNull(file, "file");
    }

    @Override
    public void onEpochEnd(Fit fit, EpochRecord record) {
        write(fit.history());
    }

    @Override
    public void onFitEnd(Fit fit) {
        History h = new History(fit.history());
        h.setStopReason(fit.stopReason());
        write(h);
    }

    private void write(History h) {
        try {
            h.writeJson(file);
        } catch (IOException e) {
            throw new UncheckedIOException("JsonLogger: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
