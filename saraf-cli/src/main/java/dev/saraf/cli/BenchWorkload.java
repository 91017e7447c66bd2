package dev.saraf.cli;

import dev.saraf.nn.Architecture;
import dev.saraf.nn.Module;
import dev.saraf.train.BuiltinModels;
import java.util.random.RandomGenerator;

/**
 * The standard workloads of {@code saraf bench} (docs/benchmarks.md): the networks are the built-in
 * {@code mlp} and {@code cnn} of {@link BuiltinModels} for 28x28 grey images and 10 classes.
 */
enum BenchWorkload {
    /** W-MLP: 784-256-ReLU-128-ReLU-10 on inputs {@code [N, 784]}. */
    MLP("W-MLP", "mlp", 1.41e6),
    /** W-CNN: PyTorch's examples/mnist network on inputs {@code [N, 1, 28, 28]}. */
    CNN("W-CNN", "cnn", 72e6),
    /** W-GEMM: square single-precision matrix products. */
    GEMM("W-GEMM", "gemm", 0);

    /** The name benchmarks.md gives it. */
    final String title;
    /** The command-line name. */
    final String cli;
    /** Training FLOPs per sample (forward + backward) as benchmarks.md counts them; 0 for GEMM. */
    final double trainFlopsPerSample;

    BenchWorkload(String title, String cli, double trainFlopsPerSample) {
        this.title = title;
        this.cli = cli;
        this.trainFlopsPerSample = trainFlopsPerSample;
    }

    /** The shape of one example: {@code [784]} for the MLP, {@code [1, 28, 28]} for the CNN. */
    int[] exampleShape() {
        return this == MLP ? new int[] {BenchData.PIXELS} : new int[] {1, 28, 28};
    }

    /** The input shape of a batch of {@code n} examples. */
    int[] batchShape(int n) {
        return this == MLP ? new int[] {n, BenchData.PIXELS} : new int[] {n, 1, 28, 28};
    }

    /** The network, its parameters drawn from {@code rng} (which its dropout layers keep using). */
    Module build(RandomGenerator rng) {
        if (this == GEMM) {
            throw new IllegalStateException("W-GEMM has no network");
        }
        return Architecture.build(BuiltinModels.architecture(cli, exampleShape(), 10), rng);
    }
}
