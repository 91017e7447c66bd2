package dev.saraf.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Rewrites the whole history as CSV ({@link History#toCsv()}) after each epoch, atomically. */
public final class CsvLogger implements Callback {
    private final Path file;

    /** Logs to {@code file}. */
    public CsvLogger(Path file) {
        this.file = java.util.Objects.requireNonNull(file, "file");
    }

    @Override
    public void onEpochEnd(Fit fit, EpochRecord record) {
        try {
            fit.history().writeCsv(file);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
