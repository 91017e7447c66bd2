package dev.saraf.cli;

import dev.saraf.io.Json;
import dev.saraf.kernels.Parallel;
import dev.saraf.train.ProgressBar;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code saraf bench}: the standard workloads W-MLP, W-CNN and W-GEMM (docs/benchmarks.md),
 * measured by the same protocol as the PyTorch reference script in bench/pytorch, so that
 * scripts/bench-vs-pytorch.py can put the two side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure saraf on the standard workloads (docs/benchmarks.md).",
                "mlp, cnn: train W-MLP or W-CNN on Fashion-MNIST (batch 128, Adam 1e-3)",
                "after 20 warm-up batches; per epoch: time, samples/s, GFLOP/s and share",
                "of the FMA peak, test accuracy; then inference images/s at batch 1000,",
                "single-image latency at batch 1, and peak memory (VmHWM).",
                "gemm: C = A x B in float32, square sizes: GFLOP/s (2n^3/s), share of peak.",
                "Side by side with PyTorch: scripts/bench-vs-pytorch.py."},
        footerHeading = "%nExamples:%n",
        footer = {"  saraf bench mlp",
                "  saraf bench cnn --threads 2 --epochs 3",
                "  saraf bench mlp --json > mlp.json",
                "  saraf bench gemm --threads 1 --sizes 512,1024",
                "  saraf bench mlp --data ~/data/fashion-mnist --peak-gflops 160"})
final class BenchCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "mlp, cnn or gemm.")
    BenchWorkload workload;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Compute threads (0: one per core, or -Dsaraf.threads).")
    int threads;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "1", description = "mlp, cnn: timed epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--json", description = "Print one JSON object with every figure, the machine and the settings; nothing else.")
    boolean json;

    @Option(names = "--data", paramLabel = "DIR",
            description = "mlp, cnn: the folder with Fashion-MNIST's four IDX files"
                    + " (default: $SARAF_DATA/fashion-mnist, ~/.saraf/datasets/fashion-mnist, /usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of initialisation, dropout and shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
            description = "mlp, cnn: untimed warm-up batches, after which the model and optimiser are restored. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--no-infer", description = "mlp, cnn: skip the inference timings.")
    boolean noInfer;

    @Option(names = "--sizes", paramLabel = "N,N", split = ",", defaultValue = "256,512,1024,2048",
            description = "gemm: matrix sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--peak-gflops", paramLabel = "G",
            description = "The FMA peak in GFLOP/s for the threads used (default: threads x 2 FMA units x vector lanes x 2 x clock,"
                    + " from /proc/cpuinfo).")
    Double peakGflops;

    // Quick runs for tests and trying things out; figures from them are not the benchmark.
    @Option(names = "--max-batches", hidden = true, defaultValue = "0", description = "Batches per epoch at most (0: all).")
    int maxBatches;

    @Option(names = "--latency-calls", hidden = true, defaultValue = "1000", description = "Timed batch-1 calls.")
    int latencyCalls;

    @Option(names = "--gemm-seconds", hidden = true, defaultValue = "1.0", description = "Timed seconds per GEMM size.")
    double gemmSeconds;

    BenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        int used = threads > 0 ? threads : Parallel.threads();
        BenchMachine machine = BenchMachine.detect();
        BenchMachine.Peak peak = machine.peak(used, peakGflops);
        double loadStart = BenchMachine.loadAverage();
        PrintStream err = console.err();
        BenchReport report = new BenchReport(workload, machine, used, peak, loadStart);
        if (workload == BenchWorkload.GEMM) {
            List<BenchGemm.Size> results = new ArrayList<>();
            if (!json) {
                console.out().println(report.header());
            }
            Threads.call(used, () -> {
                BenchGemm.jitWarmup(Math.min(1.0, gemmSeconds), seed);
                for (int n : sizes) {
                    BenchGemm.Size s = BenchGemm.run(n, gemmSeconds, seed);
                    results.add(s);
                    if (!json) {
                        err.println(report.gemmLine(s));
                    }
                }
                return null;
            });
            finish(report.gemm(results, seed, BenchMachine.loadAverage()), report.gemmText(results));
            return 0;
        }
        BenchData d = BenchData.load(data);
        var settings = new BenchTraining.Settings(epochs, warmup, seed, maxBatches, latencyCalls, !noInfer);
        if (!json) {
            console.out().println(report.header());
            console.out().println(report.dataLine(d));
        }
        BenchTraining.Result r = Threads.call(used, () -> BenchTraining.run(workload, d, settings, peak,
                json ? null : err, !json && ProgressBar.isTerminal()));
        double rss = BenchMachine.peakRssMib();
        finish(report.training(d, settings, r, rss, BenchMachine.loadAverage()), report.trainingText(r, rss));
        return 0;
    }

    private void finish(Map<String, Object> asJson, String asText) {
        if (json) {
            console.out().println(Json.writePretty(asJson));
        } else {
            console.out().print(asText);
        }
    }

    private void validate() {
        if (threads < 0) {
            throw CliException.usage("--threads must be 0 (one per core) or more, got " + threads);
        }
        if (epochs < 1) {
            throw CliException.usage("--epochs must be at least 1, got " + epochs);
        }
        if (warmup < 0) {
            throw CliException.usage("--warmup must be 0 or more, got " + warmup);
        }
        if (maxBatches < 0 || latencyCalls < 1 || !(gemmSeconds > 0)) {
            throw CliException.usage("--max-batches must be >= 0, --latency-calls >= 1 and --gemm-seconds > 0");
        }
        if (peakGflops != null && !(peakGflops > 0 && Double.isFinite(peakGflops))) {
            throw CliException.usage("--peak-gflops must be a positive number, got " + peakGflops);
        }
        for (int n : sizes) {
            if (n < 1 || n > 16384) {
                throw CliException.usage("--sizes: each size must be in [1, 16384], got " + n);
            }
        }
    }
}
