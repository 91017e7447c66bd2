package dev.saraf.cli;

import dev.saraf.io.Provenance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code saraf bench} prints: the JSON object of {@code --json} (every figure, the machine,
 * the workload and its settings) and the text summary otherwise. Unknown figures (NaN) are JSON
 * {@code null}.
 *
 * @param workload  the workload run
 * @param machine   the machine it ran on
 * @param threads   the compute threads used
 * @param peak      the FMA peak for those threads
 * @param loadStart the 1-minute load average before the run
 */
record BenchReport(BenchWorkload workload, BenchMachine machine, int threads, BenchMachine.Peak peak, double loadStart) {

    /** The first lines of the text output: workload, machine, peak. */
    String header() {
        return String.format(Locale.ROOT, "%s, %d thread%s%nmachine: %s, %d cores, Java %s, load average %s%n"
                        + "FMA peak: %s GFLOP/s for %d thread%s (%s)",
                workload.title, threads, threads == 1 ? "" : "s", machine.cpu(), machine.cores(), Runtime.version(), fmt(loadStart, 2),
                fmt(peak.gflops(), 1), threads, threads == 1 ? "" : "s", peak.source());
    }

    /** Where the data came from. */
    String dataLine(BenchData d) {
        return String.format(Locale.ROOT, "data: Fashion-MNIST from %s: %,d training and %,d test images, loaded in %.2f s",
                d.dir(), d.trainSize(), d.testSize(), d.loadSeconds());
    }

    /** One GEMM size as a progress line. */
    String gemmLine(BenchGemm.Size s) {
        double g = s.gflops();
        return String.format(Locale.ROOT, "n=%5d: %7.1f GFLOP/s (median of %d, %s of peak)", s.n(), g, s.seconds().length,
                percent(peak.fraction(g)));
    }

    /** The text summary of a GEMM run. */
    String gemmText(List<BenchGemm.Size> sizes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d thread%s: GFLOP/s = 2n^3/s, median of the timed runs%n", workload.title, threads,
                threads == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "%6s %10s %8s %6s%n", "n", "GFLOP/s", "of peak", "runs"));
        for (BenchGemm.Size s : sizes) {
            sb.append(String.format(Locale.ROOT, "%6d %10.1f %8s %6d%n", s.n(), s.gflops(), percent(peak.fraction(s.gflops())),
                    s.seconds().length));
        }
        return sb.toString();
    }

    /** The JSON object of a GEMM run. */
    Map<String, Object> gemm(List<BenchGemm.Size> sizes, long seed, double loadEnd) {
        Map<String, Object> m = common(loadEnd);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threads", threads);
        settings.put("seed", seed);
        settings.put("sizes", sizes.stream().map(BenchGemm.Size::n).toList());
        m.put("settings", settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchGemm.Size s : sizes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", s.n());
            r.put("gflops", num(s.gflops(), 2));
            r.put("peak_fraction", num(peak.fraction(s.gflops()), 4));
            r.put("median_s", num(BenchStats.median(s.seconds()), 6));
            r.put("runs_gflops", nums(s.gflopsRuns(), 2));
            rows.add(r);
        }
        m.put("gemm", rows);
        return m;
    }

    /** The text summary of a training run. */
    String trainingText(BenchTraining.Result r, double rssMib) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d thread%s, %,d parameters%n", workload.title, threads, threads == 1 ? "" : "s",
                r.parameters()));
        for (BenchTraining.Epoch e : r.epochs()) {
            sb.append(String.format(Locale.ROOT, "epoch %d: %.3f s, %,.0f samples/s, %.1f GFLOP/s (%s of peak), test accuracy %.4f,"
                            + " last batch loss %.4f%n", e.epoch(), e.seconds(), e.samplesPerSecond(), e.gflops(),
                    percent(e.peakFraction()), e.testAccuracy(), e.lastBatchLoss()));
        }
        if (r.inference() != null) {
            BenchTraining.Inference i = r.inference();
            sb.append(String.format(Locale.ROOT, "inference: %,.0f images/s at batch 1000 (median of %d); batch 1: median %.1f µs"
                            + " (p10 %.1f, p90 %.1f, %d calls)%n", i.b1000Median(), i.b1000Runs().length,
                    BenchStats.median(i.latencyUs()), BenchStats.quantile(i.latencyUs(), 0.1),
                    BenchStats.quantile(i.latencyUs(), 0.9), i.latencyUs().length));
        }
        sb.append(String.format(Locale.ROOT, "peak memory: %s MiB (VmHWM, peak resident set of the process)%n", fmt(rssMib, 1)));
        return sb.toString();
    }

    /** The JSON object of a training run. */
    Map<String, Object> training(BenchData d, BenchTraining.Settings s, BenchTraining.Result r, double rssMib, double loadEnd) {
        Map<String, Object> m = common(loadEnd);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threads", threads);
        settings.put("epochs", s.epochs());
        settings.put("batch_size", BenchTraining.BATCH);
        settings.put("warmup_batches", s.warmup());
        settings.put("seed", s.seed());
        settings.put("optimizer", "Adam lr=0.001 betas=(0.9, 0.999) eps=1e-08");
        settings.put("loss", "cross-entropy");
        settings.put("data", d.dir().toString());
        settings.put("train_examples", d.trainSize());
        settings.put("test_examples", d.testSize());
        if (s.maxBatches() > 0) {
            settings.put("max_batches", s.maxBatches());
        }
        settings.put("train_flops_per_sample", workload.trainFlopsPerSample);
        m.put("settings", settings);
        m.put("parameters", r.parameters());
        m.put("data_load_s", num(d.loadSeconds(), 3));
        m.put("warmup_s", num(r.warmupSeconds(), 3));
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (BenchTraining.Epoch e : r.epochs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("epoch_s", num(e.seconds(), 4));
            row.put("samples", e.samples());
            row.put("samples_per_s", num(e.samplesPerSecond(), 1));
            row.put("gflops", num(e.gflops(), 2));
            row.put("peak_fraction", num(e.peakFraction(), 4));
            row.put("test_accuracy", num(e.testAccuracy(), 4));
            row.put("last_batch_loss", num(e.lastBatchLoss(), 4));
            epochs.add(row);
        }
        m.put("epochs", epochs);
        if (r.inference() != null) {
            BenchTraining.Inference i = r.inference();
            Map<String, Object> b1000 = new LinkedHashMap<>();
            b1000.put("median", num(i.b1000Median(), 1));
            b1000.put("runs", nums(i.b1000Runs(), 1));
            Map<String, Object> b1 = new LinkedHashMap<>();
            b1.put("median", num(BenchStats.median(i.latencyUs()), 2));
            b1.put("p10", num(BenchStats.quantile(i.latencyUs(), 0.1), 2));
            b1.put("p90", num(BenchStats.quantile(i.latencyUs(), 0.9), 2));
            b1.put("calls", i.latencyUs().length);
            Map<String, Object> inf = new LinkedHashMap<>();
            inf.put("b1000_images_per_s", b1000);
            inf.put("b1_latency_us", b1);
            m.put("inference", inf);
        }
        m.put("peak_rss_mib", num(rssMib, 1));
        return m;
    }

    /** What every JSON report starts with. */
    private Map<String, Object> common(double loadEnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "saraf bench");
        m.put("workload", workload.cli);
        m.put("title", workload.title);
        m.put("saraf_version", Provenance.currentSarafVersion());
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("machine", machine.toMap(threads));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("start", num(loadStart, 2));
        load.put("end", num(loadEnd, 2));
        m.put("load_average", load);
        m.put("peak_gflops", num(peak.gflops(), 2));
        m.put("peak_source", peak.source());
        return m;
    }

    /** {@code x} rounded, or null when NaN or infinite (JSON has no NaN). */
    private static Double num(double x, int digits) {
        return Double.isFinite(x) ? BenchStats.round(x, digits) : null;
    }

    private static List<Double> nums(double[] xs, int digits) {
        return Arrays.stream(xs).mapToObj(x -> num(x, digits)).toList();
    }

    private static String fmt(double x, int digits) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + digits + "f", x) : "unknown";
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", 100 * fraction) : "?";
    }
}
