package dev.saraf.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;

/**
 * The server's metrics in the Prometheus text exposition format (version 0.0.4): requests by
 * route, method and status; request latency by route (a histogram in seconds); batch sizes of the
 * forward passes; models loaded. Lock-free counters; labels come from the server's own route
 * templates, never from request text, so a client cannot grow the label set.
 */
public final class Metrics {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Histogram batches = new Histogram(BATCH_BUCKETS);
    private final IntSupplier modelsLoaded;

    /** Metrics whose models-loaded gauge reads {@code modelsLoaded}. */
    public Metrics(IntSupplier modelsLoaded) {
        this.modelsLoaded = modelsLoaded;
    }

    /** Counts one request on {@code route} (a route template) answered with {@code status} after {@code seconds}. */
    public void request(String method, String route, int status, double seconds) {
        String key = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
        requests.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        latency.computeIfAbsent("route=\"" + route + "\"", k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    /** Counts one forward pass over {@code size} examples. */
    public void batch(int size) {
        batches.observe(size);
    }

    /** The exposition text. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP saraf_http_requests_total HTTP requests answered, by method, route and status.\n");
        sb.append("# TYPE saraf_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> sb.append("saraf_http_requests_total{").append(k).append("} ")
                .append(v.get()).append('\n'));
        sb.append("# HELP saraf_http_request_duration_seconds Time from request to response, by route.\n");
        sb.append("# TYPE saraf_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((k, h) -> h.render(sb, "saraf_http_request_duration_seconds", k));
        sb.append("# HELP saraf_batch_size Examples per forward pass (dynamic batching coalesces requests).\n");
        sb.append("# TYPE saraf_batch_size histogram\n");
        batches.render(sb, "saraf_batch_size", "");
        sb.append("# HELP saraf_models_loaded Model versions loaded in memory.\n");
        sb.append("# TYPE saraf_models_loaded gauge\n");
        sb.append("saraf_models_loaded ").append(modelsLoaded.getAsInt()).append('\n');
        return sb.toString();
    }

    /** A cumulative histogram with fixed buckets. */
    private static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final AtomicLong count = new AtomicLong();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts.incrementAndGet(i);
                    break;
                }
            }
            sum.add(v);
            count.incrementAndGet();
        }

        void render(StringBuilder sb, String name, String labels) {
            String sep = labels.isEmpty() ? "" : labels + ",";
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts.get(i);
                sb.append(name).append("_bucket{").append(sep).append("le=\"").append(format(bounds[i])).append("\"} ")
                        .append(cumulative).append('\n');
            }
            String braces = labels.isEmpty() ? "" : "{" + labels + "}";
            sb.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(count.get()).append('\n');
            sb.append(name).append("_sum").append(braces).append(' ').append(format(sum.sum())).append('\n');
            sb.append(name).append("_count").append(braces).append(' ').append(count.get()).append('\n');
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
        }
    }
}
