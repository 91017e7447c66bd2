package dev.saraf.bench;

import dev.saraf.autograd.NoGrad;
import dev.saraf.kernels.Parallel;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Dropout;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.MaxPool2d;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.Adam;
import dev.saraf.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-batch timings of the standard workloads W-MLP and W-CNN (shared/design/benchmarks.md) on
 * random data of the right shape: a training step (forward, cross-entropy, backward, Adam) at batch
 * 128, forward-only inference at batch 1000 and latency at batch 1, each with the given thread
 * counts. Epoch time is estimated as 469 training steps (60,000 / 128).
 *
 * <p>Usage: {@code Workloads [mlp|cnn|all] [--threads 1,2] [--reps 5] [--steps N] [--warmup N]
 * [--train-only | --infer-only]}.
 * Each figure is the median over {@code reps} rounds; a round times {@code steps} training steps
 * ({@code -Dworkloads.eachRound=true} prints every round: how a cold start warms up)
 * after {@code warmup} untimed ones, so numbers from a loaded machine stay comparable.
 */
public final class Workloads {
    /** Samples per training batch, as benchmarks.md defines it. */
    static final int BATCH = 128;
    /** Batches in one Fashion-MNIST training epoch (60,000 / 128, rounded up). */
    static final int EPOCH_BATCHES = 469;

    private Workloads() {}

    /** One of the two networks. */
    enum Net {
        MLP, CNN;

        /** The network of benchmarks.md, initialised from {@code rng}. */
        Module build(SplittableRandom rng) {
            return switch (this) {
                case MLP -> new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(),
                        new Linear(128, 10, rng));
                case CNN -> new Sequential(new Conv2d(1, 32, 3, rng), new ReLU(), new Conv2d(32, 64, 3, rng), new ReLU(),
                        new MaxPool2d(2), new Dropout(0.25, rng), new Flatten(), new Linear(9216, 128, rng), new ReLU(),
                        new Dropout(0.5, rng), new Linear(128, 10, rng));
            };
        }

        /** Random pixels in [0, 1) shaped as this network's input for {@code batch} images. */
        Tensor input(SplittableRandom rng, int batch) {
            return this == MLP ? Tensor.rand(rng, batch, 784) : Tensor.rand(rng, batch, 1, 28, 28);
        }
    }

    /** A network with its loss, optimiser and one fixed random batch. */
    static final class Trainer {
        final Module net;
        final CrossEntropyLoss loss = new CrossEntropyLoss();
        final Adam opt;
        final Tensor x;
        final Tensor y;

        Trainer(Net which, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            net = which.build(rng);
            opt = new Adam(net.parameters(), 1e-3f);
            x = which.input(rng, BATCH);
            float[] labels = new float[BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = rng.nextInt(10);
            }
            y = Tensor.of(labels, BATCH);
        }

        /** One training step; returns the loss. */
        float step() {
            opt.zeroGrad();
            Tensor l = loss.forward(net.forward(x), y);
            l.backward();
            opt.step();
            return l.item();
        }
    }

    /** Runs the workloads named in {@code args} and prints one line per figure. */
    public static void main(String[] args) {
        String what = "all";
        int[] threads = {1, 2};
        int reps = 5;
        int steps = -1;
        int warmup = -1;
        boolean train = true;
        boolean infer = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--train-only" -> infer = false;
                case "--infer-only" -> train = false;
                case "mlp", "cnn", "all" -> what = args[i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use [mlp|cnn|all] --threads 1,2 --reps 5 --steps N --warmup N [--train-only|--infer-only]");
            }
        }
        System.out.printf(Locale.ROOT, "# JDK %s, %d CPUs, load average at start %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        for (Net net : Net.values()) {
            if (!what.equals("all") && !what.equals(net.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (int t : threads) {
                int s = steps > 0 ? steps : net == Net.MLP ? 100 : 10;
                int w = warmup >= 0 ? warmup : net == Net.MLP ? 100 : 5;
                int r = reps;
                boolean doTrain = train;
                boolean doInfer = infer;
                Parallel.withThreads(t, () -> run(net, t, r, doTrain ? s : 0, doTrain ? w : 0, doInfer));
            }
        }
        System.out.printf(Locale.ROOT, "# load average at end %s%n", loadAverage());
    }

    private static void run(Net which, int threads, int reps, int steps, int warmup, boolean infer) {
        String name = "W-" + which.name();
        Trainer tr = new Trainer(which, 42);
        for (int i = 0; i < warmup; i++) {
            tr.step();
        }
        double[] train = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                tr.step();
            }
            train[r] = (System.nanoTime() - t0) / 1e6 / steps;
            cpu[r] = (processCpuNanos() - c0) / 1e6 / steps;
            if (Boolean.getBoolean("workloads.eachRound")) {
                System.out.printf(Locale.ROOT, "%s threads=%d round %d: %.3f ms/batch, process CPU %.3f ms/batch%n",
                        name, threads, r + 1, train[r], cpu[r]);
            }
        }
        double ms = median(train);
        if (steps > 0) {
                System.out.printf(Locale.ROOT, "%s threads=%d train: %.3f ms/batch (min %.3f, process CPU %.3f ms/batch), "
                    + "epoch ~ %.2f s, %.0f samples/s%n",
                    name, threads, ms, min(train), median(cpu), ms * EPOCH_BATCHES / 1e3, BATCH * 1e3 / ms);
        }
        if (!infer) {
            return;
        }

        tr.net.eval();
        SplittableRandom rng = new SplittableRandom(7);
        Tensor big = which.input(rng, 1000);
        Tensor one = which.input(rng, 1);
        try (var _ = NoGrad.enter()) {
            int bigReps = which == Net.MLP ? 20 : 3;
            for (int i = 0; i < bigReps; i++) {
                tr.net.forward(big);
            }
            double[] inf = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < bigReps; i++) {
                    tr.net.forward(big);
                }
                inf[r] = (System.nanoTime() - t0) / 1e6 / bigReps;
            }
            double infMs = median(inf);
            System.out.printf(Locale.ROOT, "%s threads=%d infer b1000: %.2f ms/batch, %.0f images/s%n",
                    name, threads, infMs, 1000 * 1e3 / infMs);
            int singles = which == Net.MLP ? 5000 : 500;
            for (int i = 0; i < singles; i++) {
                tr.net.forward(one);
            }
            double[] lat = new double[singles];
            for (int i = 0; i < singles; i++) {
                long t0 = System.nanoTime();
                tr.net.forward(one);
                lat[i] = (System.nanoTime() - t0) / 1e3;
            }
            System.out.printf(Locale.ROOT, "%s threads=%d infer b1: median %.1f us%n", name, threads, median(lat));
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    /**
     * CPU time of the whole process (all threads, JIT and GC included), or 0 where unknown: on a
     * machine shared with other work it shows the cost of a step better than wall time does.
     */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The 1-minute load average, or "?" where the OS does not report it. */
    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "?" : String.format(Locale.ROOT, "%.2f", l);
    }
}
