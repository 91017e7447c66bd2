package dev.saraf.cli;

import dev.saraf.autograd.NoGrad;
import dev.saraf.data.Batch;
import dev.saraf.data.DataLoader;
import dev.saraf.data.Task;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.Loss;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.metrics.ConfusionMatrix;
import dev.saraf.train.metrics.RegressionMeter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's loss and metrics on a data set, in eval mode without a graph: the confusion matrix
 * (accuracy, per-class precision, recall and F1) for classification, MSE, MAE and R² for
 * regression. What {@code train} reports at the end and {@code evaluate} prints.
 *
 * @param task       classification or regression
 * @param examples   examples seen
 * @param loss       mean loss per example
 * @param confusion  the confusion matrix (classification), else null
 * @param regression the regression meter (regression), else null
 */
record Evaluation(Task task, long examples, double loss, ConfusionMatrix confusion, RegressionMeter regression) {

    /** Runs {@code model} over {@code data} (epoch 0 order) with {@code loss}; {@code outputs} classes or targets. */
    static Evaluation of(Module model, Loss loss, DataLoader data, Task task, int outputs) {
        ConfusionMatrix confusion = task == Task.CLASSIFICATION ? new ConfusionMatrix(Math.max(2, outputs)) : null;
        RegressionMeter regression = task == Task.REGRESSION ? new RegressionMeter(outputs) : null;
        boolean wasTraining = model.isTraining();
        double sum = 0;
        long n = 0;
        model.eval();
        try (var _ = NoGrad.enter()) {
            for (Batch batch : data.epoch(0)) {
                Tensor out = model.forward(batch.inputs());
                int size = batch.inputs().size(0);
                sum += (double) loss.forward(out, batch.targets()).item() * size;
                n += size;
                if (confusion != null) {
                    confusion.add(out, batch.targets(), 0f);
                } else {
                    regression.add(out, batch.targets().reshape(out.shape().dims()));
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(task, n, n == 0 ? Double.NaN : sum / n, confusion, regression);
    }

    /**
     * The headline metrics, each name prefixed (e.g. {@code "test_"}): loss, and accuracy and
     * macro P/R/F1, or MSE, MAE and R².
     */
    Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "loss", loss);
        (confusion != null ? confusion.summary() : regression.summary()).forEach((k, v) -> m.put(prefix + k, v));
        return m;
    }

    /** Per class name: precision, recall, F1 and support (classification only; empty otherwise). */
    Map<String, Map<String, Object>> perClass(List<String> names) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        if (confusion == null) {
            return m;
        }
        long[][] counts = confusion.counts();
        for (int k = 0; k < confusion.classes(); k++) {
            long support = 0;
            for (long c : counts[k]) {
                support += c;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("precision", confusion.precision(k));
            row.put("recall", confusion.recall(k));
            row.put("f1", confusion.f1(k));
            row.put("support", support);
            m.put(k < names.size() ? names.get(k) : Integer.toString(k), row);
        }
        return m;
    }
}
