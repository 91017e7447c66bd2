package dev.saraf.cli;

import dev.saraf.autograd.NoGrad;
import dev.saraf.data.Dataset;
import dev.saraf.data.Task;
import dev.saraf.nn.Module;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.History;
import dev.saraf.train.plot.ConfusionHeatmap;
import dev.saraf.train.plot.Curves;
import dev.saraf.train.plot.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG plots of a training run: {@code loss.png} and {@code accuracy.png} (or {@code r2.png})
 * curves, training against validation; {@code confusion.png} for classification; and
 * {@code samples.png}, a grid of held-out images with predicted and true labels, for image data.
 */
final class TrainPlots {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int GRID = 32;

    private TrainPlots() {}

    /** Writes the plots that apply to this run into {@code dir}; returns their paths. */
    static List<Path> write(Path dir, History history, Evaluation eval, Module model, Dataset test, List<String> classNames,
            Task task, int threads) throws IOException {
        List<Path> written = new ArrayList<>();
        if (history.size() > 0) {
            written.add(dir.resolve("loss.png"));
            Curves.writeLoss(history, written.getLast(), WIDTH, HEIGHT);
            String key = task == Task.CLASSIFICATION ? "accuracy" : "r2";
            if (history.has(key)) {
                written.add(dir.resolve(key + ".png"));
                Curves.write(history, key, written.getLast(), WIDTH, HEIGHT);
            }
        }
        if (eval.confusion() != null) {
            written.add(dir.resolve("confusion.png"));
            ConfusionHeatmap.write(eval.confusion(), classNames, written.getLast());
        }
        if (task == Task.CLASSIFICATION && test.inputShape().rank() == 3 && test.size() > 0) {
            written.add(dir.resolve("samples.png"));
            samples(model, test, classNames, written.getLast(), threads);
        }
        return written;
    }

    /** The first held-out images, predicted by {@code model}. */
    private static void samples(Module model, Dataset test, List<String> names, Path file, int threads) throws IOException {
        int n = Math.min(GRID, test.size());
        int numel = test.inputShape().numel();
        float[] x = new float[n * numel];
        float[] target = new float[1];
        int[] actual = new int[n];
        for (int i = 0; i < n; i++) {
            test.copyInput(i, x, i * numel);
            test.copyTarget(i, target, 0);
            actual[i] = (int) target[0];
        }
        int[] dims = test.inputShape().dims();
        Tensor images = Tensor.of(x, n, dims[0], dims[1], dims[2]);
        boolean training = model.isTraining();
        int[] predicted;
        model.eval();
        try (var _ = NoGrad.enter()) {
            float[] best = Threads.call(threads, () -> model.forward(images).argmax(1, false)).toArray();
            predicted = new int[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = (int) best[i];
            }
        } finally {
            model.train(training);
        }
        ImageGrid.write(images, predicted, actual, names, 8, file);
    }
}
