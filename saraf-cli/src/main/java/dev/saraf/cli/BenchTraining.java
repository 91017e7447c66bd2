package dev.saraf.cli;

import dev.saraf.data.Dataset;
import dev.saraf.kernels.Parallel;
import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.Adam;
import dev.saraf.optim.StateDict;
import dev.saraf.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One run of W-MLP or W-CNN by the protocol of the PyTorch reference script
 * (bench/pytorch/pytorch_workloads.py): build the network, train 20 warm-up batches, restore the
 * model's and the optimiser's initial state, then time each epoch, test after each, and finally
 * time inference at batch 1000 and batch 1.
 *
 * <p>The epoch loop is the plain loop a user writes: a seeded permutation of the training set
 * each epoch, each batch gathered from the in-memory pixels, then {@code zeroGrad; forward;
 * cross-entropy; backward; Adam step}. Its time includes the shuffle and the gathers and excludes
 * loading the data and testing. Run it inside {@link Threads#call} to pin the thread count.
 */
final class BenchTraining {
    /** Examples per training batch. */
    static final int BATCH = 128;
    /** Examples per batch when testing and when timing throughput. */
    static final int INFER_BATCH = 1000;
    /** Untimed single-image calls before the timed ones, at least. */
    static final int LATENCY_WARMUP = 200;
    /**
     * Time the untimed single-image calls take at least, per timed call (1 s before the usual
     * 1,000): 200 calls are enough for PyTorch, whose code is compiled ahead of time, but the JIT
     * is still compiling saraf's batch-1 path then, whose branches (unpacked products, dot
     * products) training and batch-1000 inference never took. Measured on W-MLP: 12-14 us a call
     * for the first 3,000 calls, 7.5-8.5 us after them, with compiles of that path going on for
     * 0.4 s; PyTorch's median was the same after 200 calls as after 1 s of calls.
     */
    static final long LATENCY_WARMUP_NANOS_PER_CALL = 1_000_000L;

    private BenchTraining() {}

    /**
     * How to run.
     *
     * @param epochs        timed epochs
     * @param warmup        warm-up batches before the model is restored
     * @param seed          seed of initialisation, dropout and shuffling
     * @param maxBatches    batches per epoch at most (0: the whole epoch); for quick checks
     * @param latencyCalls  timed batch-1 calls
     * @param inference     whether to time inference at all
     */
    record Settings(int epochs, int warmup, long seed, int maxBatches, int latencyCalls, boolean inference) {}

    /**
     * One timed epoch.
     *
     * @param epoch          from 1
     * @param seconds        wall time of the epoch's batches (shuffle and gathers included)
     * @param samples        examples trained on
     * @param gflops         achieved GFLOP/s by benchmarks.md's FLOP count
     * @param peakFraction   {@code gflops} over the FMA peak, NaN when it is unknown
     * @param testAccuracy   accuracy on the test set after the epoch
     * @param lastBatchLoss  the loss of the epoch's last batch
     */
    record Epoch(int epoch, double seconds, int samples, double gflops, double peakFraction, double testAccuracy,
            double lastBatchLoss) {
        /** Training examples per second. */
        double samplesPerSecond() {
            return samples / seconds;
        }
    }

    /**
     * Inference timings, model in eval mode without a graph.
     *
     * @param b1000Runs        images/s of each timed pass over the test set at batch 1000
     * @param latencyUs        each timed batch-1 call, microseconds
     */
    record Inference(double[] b1000Runs, double[] latencyUs) {
        /** Median images/s at batch 1000. */
        double b1000Median() {
            return BenchStats.median(b1000Runs);
        }
    }

    /**
     * What a run measured.
     *
     * @param parameters     the network's parameter count
     * @param warmupSeconds  time of the warm-up batches
     * @param epochs         each timed epoch
     * @param inference      inference timings, or null when not asked for
     */
    record Result(long parameters, double warmupSeconds, List<Epoch> epochs, Inference inference) {}

    /**
     * Runs {@code workload} on {@code data}.
     *
     * @param progress where to print progress lines, or null for none
     * @param live     whether {@code progress} is a terminal (one line rewritten in place)
     */
    static Result run(BenchWorkload workload, BenchData data, Settings s, BenchMachine.Peak peak, PrintStream progress,
                      boolean live) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        Module net = workload.build(rng);
        SplittableRandom shuffleRng = rng.split();
        // The warm-up draws its order from a stream of its own, so the timed epochs train on the
        // same batches whatever --warmup is (dropout still draws from the layers' generator).
        SplittableRandom warmupRng = rng.split();
        Adam opt = new Adam(net.parameters(), new Adam.Options(1e-3f, 0.9f, 0.999f, 1e-8f, 0f));
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Batches batches = new Batches(workload, data);

        // Warm-up (JIT, thread pool, first-touch of buffers), then back to the initial state so
        // that "accuracy after epoch 1" is after exactly one epoch.
        Map<String, Tensor> model0 = snapshot(net);
        StateDict opt0 = opt.stateDict();
        net.train();
        long w0 = System.nanoTime();
        int[] perm = batches.permutation(warmupRng);
        for (int b = 0; b < s.warmup(); b++) {
            int start = b * BATCH % data.trainSize();
            step(net, loss, opt, batches, perm, start);
        }
        double warmupSeconds = (System.nanoTime() - w0) / 1e9;
        net.loadStateDict(model0);
        opt.loadStateDict(opt0);
        if (progress != null) {
            progress.printf(Locale.ROOT, "warm-up: %d batches in %.2f s (not counted; model and optimiser restored)%n",
                    s.warmup(), warmupSeconds);
        }

        int n = data.trainSize();
        int perEpoch = (n + BATCH - 1) / BATCH;
        int count = s.maxBatches() > 0 ? Math.min(s.maxBatches(), perEpoch) : perEpoch;
        Progress bar = progress == null ? null : new Progress(progress, live, count);
        List<Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= s.epochs(); e++) {
            net.train();
            long t0 = System.nanoTime();
            perm = batches.permutation(shuffleRng);
            int samples = 0;
            Tensor last = null;
            for (int b = 0; b < count; b++) {
                last = step(net, loss, opt, batches, perm, b * BATCH);
                samples += Math.min(BATCH, n - b * BATCH);
                if (bar != null) {
                    bar.batchDone(e, b + 1, last);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double accuracy = accuracy(net, batches);
            double gflops = workload.trainFlopsPerSample * samples / seconds / 1e9;
            epochs.add(new Epoch(e, seconds, samples, gflops, peak.fraction(gflops), accuracy,
                    last == null ? Double.NaN : last.item()));
            if (bar != null) {
                bar.epochDone(epochs.getLast(), peak);
            }
        }
        Inference inference = s.inference() ? inference(net, batches, s.latencyCalls()) : null;
        return new Result(net.parameterCount(), warmupSeconds, epochs, inference);
    }

    /** One training step on the batch at {@code start} of {@code perm}; returns the loss. */
    private static Tensor step(Module net, CrossEntropyLoss loss, Adam opt, Batches batches, int[] perm, int start) {
        Batches.Batch b = batches.gather(perm, start);
        opt.zeroGrad();
        Tensor l = loss.forward(net.forward(b.x()), b.y());
        l.backward();
        opt.step();
        return l;
    }

    /** Copies of the model's parameters and buffers (its state dict shares storage with it). */
    private static Map<String, Tensor> snapshot(Module net) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> m.put(k, v.copy()));
        return m;
    }

    /** Test accuracy at batch 1000, eval mode, no graph; leaves the model in training mode. */
    private static double accuracy(Module net, Batches batches) {
        net.eval();
        long correct = 0;
        try (var _ = NoGrad.enter()) {
            for (int c = 0; c < batches.testChunks.size(); c++) {
                float[] predicted = net.forward(batches.testChunks.get(c)).argmax(1, false).data();
                int from = c * INFER_BATCH;
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == batches.data.testY()[from + i]) {
                        correct++;
                    }
                }
            }
        } finally {
            net.train();
        }
        return (double) correct / batches.data.testSize();
    }

    /** Images/s over the test set at batch 1000 (1 warm pass, 3 timed) and batch-1 latency. */
    private static Inference inference(Module net, Batches batches, int latencyCalls) {
        net.eval();
        try (var _ = NoGrad.enter()) {
            for (Tensor c : batches.testChunks) {
                net.forward(c);
            }
            double[] ips = new double[3];
            for (int r = 0; r < ips.length; r++) {
                long t0 = System.nanoTime();
                for (Tensor c : batches.testChunks) {
                    net.forward(c);
                }
                ips[r] = batches.data.testSize() / ((System.nanoTime() - t0) / 1e9);
            }
            List<Tensor> singles = batches.singles(1000);
            // 200 warm calls and 1 s before 1,000 timed ones; less for a quick run with fewer timed calls
            long warmUntil = System.nanoTime() + latencyCalls * LATENCY_WARMUP_NANOS_PER_CALL;
            for (int i = 0; i < Math.min(LATENCY_WARMUP, latencyCalls) || System.nanoTime() < warmUntil; i++) {
                net.forward(singles.get(i % singles.size()));
            }
            double[] us = new double[latencyCalls];
            for (int i = 0; i < latencyCalls; i++) {
                Tensor x = singles.get(i % singles.size());
                long t0 = System.nanoTime();
                net.forward(x);
                us[i] = (System.nanoTime() - t0) / 1e3;
            }
            return new Inference(ips, us);
        } finally {
            net.train();
        }
    }

    /** Progress of the epochs: a line rewritten in place on a terminal, else a line per quarter epoch. */
    private static final class Progress {
        private final PrintStream out;
        private final boolean live;
        private final int batches;
        private long lastPrint;

        Progress(PrintStream out, boolean live, int batches) {
            this.out = out;
            this.live = live;
            this.batches = batches;
        }

        void batchDone(int epoch, int done, Tensor loss) {
            if (live) {
                long now = System.nanoTime();
                if (now - lastPrint > 250_000_000L || done == batches) {
                    lastPrint = now;
                    out.printf(Locale.ROOT, "\repoch %d: batch %d/%d  loss %.4f\u001b[K", epoch, done, batches, loss.item());
                    out.flush();
                }
            } else if (batches >= 8 && done < batches && done % (batches / 4) == 0) {
                out.printf(Locale.ROOT, "epoch %d: batch %d/%d  loss %.4f%n", epoch, done, batches, loss.item());
            }
        }

        void epochDone(Epoch e, BenchMachine.Peak peak) {
            out.printf(Locale.ROOT, "%sepoch %d: %.3f s, %,.0f samples/s, %.1f GFLOP/s%s, test accuracy %.4f, last batch loss %.4f%s%n",
                    live ? "\r" : "", e.epoch(), e.seconds(), e.samplesPerSecond(), e.gflops(),
                    Double.isNaN(e.peakFraction()) ? "" : String.format(Locale.ROOT, " (%.0f%% of peak)", 100 * e.peakFraction()),
                    e.testAccuracy(), e.lastBatchLoss(), live ? "\u001b[K" : "");
        }
    }

    /** The training and test data cut into tensors: gathered training batches and fixed test chunks. */
    private static final class Batches {
        final BenchData data;
        final BenchWorkload workload;
        final List<Tensor> testChunks = new ArrayList<>();
        private final int[] identity;
        /** Images a gathering task copies at least: a batch of 128 goes in two halves on two threads. */
        private static final int GATHER_GRAIN = 32;
        /** The arrays every full batch is gathered into ({@link #gather}). */
        private final float[] fullX = new float[BATCH * BenchData.PIXELS];
        private final float[] fullY = new float[BATCH];

        /** A gathered batch. */
        record Batch(Tensor x, Tensor y) {}

        Batches(BenchWorkload workload, BenchData data) {
            this.workload = workload;
            this.data = data;
            this.identity = new int[data.trainSize()];
            Arrays.setAll(identity, i -> i);
            for (int from = 0; from < data.testSize(); from += INFER_BATCH) {
                int to = Math.min(from + INFER_BATCH, data.testSize());
                float[] x = data.testPixels(from, to);
                testChunks.add(Tensor.wrap(x, workload.batchShape(to - from)));
            }
        }

        /** A fresh uniformly random order of the training set (Fisher-Yates), as torch.randperm gives. */
        int[] permutation(SplittableRandom rng) {
            int[] p = identity.clone();
            for (int i = p.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }

        /**
         * The examples {@code perm[start .. start + 128)} (fewer at the end) copied (scaled from
         * the stored bytes) into the arrays of the previous batch of that size, as PyTorch's
         * {@code Xtr[idx]} copies them into the memory its allocator got back from the previous
         * batch. A step drops its batch before the next is gathered (backward frees the graph,
         * and nothing else keeps it). A new array each step cost 60 us of W-MLP's 1.6 ms step:
         * the JVM zeroes 400 KB of memory no cache holds, and the copy then writes it again
         * (gather of 128 images: 134 us into new arrays, 75 us into the same ones).
         */
        Batch gather(int[] perm, int start) {
            int b = Math.min(BATCH, perm.length - start);
            float[] x = b == BATCH ? fullX : new float[b * BenchData.PIXELS];
            float[] y = b == BATCH ? fullY : new float[b];
            Dataset train = data.train();
            // split over the threads, as PyTorch's indexing of the training tensor is
            Parallel.forRange(b, GATHER_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int src = perm[start + i];
                    train.copyInput(src, x, i * BenchData.PIXELS);
                    train.copyTarget(src, y, i);
                }
            });
            return new Batch(Tensor.wrap(x, workload.batchShape(b)), Tensor.wrap(y, b));
        }

        /** The first {@code n} test images (fewer if the set is smaller), each as a batch of one. */
        List<Tensor> singles(int n) {
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, data.testSize()); i++) {
                float[] x = data.testPixels(i, i + 1);
                out.add(Tensor.wrap(x, workload.batchShape(1)));
            }
            return out;
        }
    }
}
