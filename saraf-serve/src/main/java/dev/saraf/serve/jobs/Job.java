package dev.saraf.serve.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A training job as the server holds it: its spec, state, progress, the epochs trained so far,
 * the registered version or the error, and the listeners of its events. Thread-safe: the worker
 * updates it while requests read it.
 */
public final class Job {
    private final String id;
    private final JobSpec spec;
    private final Instant created;
    private final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private JobState state;
    private Instant updated;
    private String error;
    private Integer version;
    private double progress;
    private int resumedFromEpoch;
    private final List<Map<String, Object>> epochs = new ArrayList<>();
    private Map<String, Object> lastBatch = Map.of();
    private volatile boolean cancelRequested;

    Job(String id, JobSpec spec, Instant created, JobState state) {
        this.id = id;
        this.spec = spec;
        this.created = created;
        this.updated = created;
        this.state = state;
    }

    /** The job's id. */
    public String id() {
        return id;
    }

    /** What it trains. */
    public JobSpec spec() {
        return spec;
    }

    /** When it was submitted. */
    public Instant created() {
        return created;
    }

    /** Its state now. */
    public synchronized JobState state() {
        return state;
    }

    /** The registered version, once succeeded. */
    public synchronized Integer version() {
        return version;
    }

    /** Why it failed, or null. */
    public synchronized String error() {
        return error;
    }

    /** The epochs trained so far, as {@code epoch} events' data. */
    public synchronized List<Map<String, Object>> epochs() {
        return List.copyOf(epochs);
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    /** Adds a listener of this job's events; returns a handle that removes it. */
    Runnable listen(Consumer<JobEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void restore(JobState s, String err, Integer v, List<Map<String, Object>> history, Instant when) {
        synchronized (this) {
            state = s;
            error = err;
            version = v;
            epochs.clear();
            epochs.addAll(history);
            updated = when;
            progress = s == JobState.SUCCEEDED ? 1 : history.isEmpty() ? 0 : (double) history.size() / spec.epochs();
        }
    }

    void setState(JobState s, String err, Integer v) {
        JobEvent e;
        synchronized (this) {
            state = s;
            error = err;
            version = v;
            updated = Instant.now();
            if (s == JobState.SUCCEEDED) {
                progress = 1;
            }
            e = new JobEvent("state", stateData());
        }
        fire(e);
    }

    void resumed(int fromEpoch, List<Map<String, Object>> history) {
        synchronized (this) {
            resumedFromEpoch = fromEpoch;
            epochs.clear();
            epochs.addAll(history);
        }
    }

    void batch(Map<String, Object> data, double fraction) {
        synchronized (this) {
            lastBatch = data;
            progress = fraction;
        }
        fire(new JobEvent("batch", data));
    }

    void epoch(Map<String, Object> data) {
        synchronized (this) {
            epochs.add(data);
            updated = Instant.now();
        }
        fire(new JobEvent("epoch", data));
    }

    /** Ends every event stream of this job (the server is stopping). */
    void closeStreams() {
        fire(new JobEvent("close", Map.of()));
    }

    private void fire(JobEvent e) {
        for (Consumer<JobEvent> l : listeners) {
            l.accept(e);
        }
    }

    private Map<String, Object> stateData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.wireName());
        m.put("register_as", spec.registerAs());
        if (version != null) {
            m.put("version", version);
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    /** The {@code state} event for the job as it stands. */
    synchronized JobEvent stateEvent() {
        return new JobEvent("state", stateData());
    }

    /** The job as {@code GET /api/jobs/{id}} answers it. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(stateData());
        m.put("data", spec.data());
        m.put("model", spec.architecture() != null ? "custom" : spec.model());
        m.put("progress", progress);
        m.put("created", created.toString());
        m.put("updated", updated.toString());
        if (resumedFromEpoch > 0) {
            m.put("resumed_from_epoch", resumedFromEpoch);
        }
        m.put("spec", spec.toMap());
        m.put("last_batch", lastBatch);
        m.put("metrics", epochs.isEmpty() ? Map.of() : epochs.getLast());
        m.put("epochs", List.copyOf(epochs));
        return m;
    }
}
