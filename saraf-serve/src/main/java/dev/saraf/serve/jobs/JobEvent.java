package dev.saraf.serve.jobs;

import java.util.Map;

/**
 * One server-sent event of a job: {@code state} (queued, running, finished: with the registered
 * version or the error), {@code batch} (epoch, batch, loss, running accuracy, samples/s; at most
 * a few per second) or {@code epoch} (an epoch's training and validation figures).
 *
 * @param name the SSE event name
 * @param data the event's JSON object
 */
public record JobEvent(String name, Map<String, Object> data) {
    /** Copies the data. */
    public JobEvent {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
