package dev.saraf.serve.jobs;

import java.util.Locale;

/** Where a training job is: queued, running, or finished one of three ways. */
public enum JobState {
    /** Waiting for a worker. */
    QUEUED,
    /** Training on a worker. */
    RUNNING,
    /** Trained and registered. */
    SUCCEEDED,
    /** Stopped by an error (the job's {@code error} says which). */
    FAILED,
    /** Cancelled by {@code DELETE /api/jobs/{id}}. */
    CANCELLED;

    /** The name in the API and the jobs table, e.g. {@code "running"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of {@code wireName}. */
    public static JobState of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    /** True for succeeded, failed and cancelled. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
