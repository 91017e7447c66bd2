package dev.saraf.train;

import dev.saraf.data.Task;
import dev.saraf.tensor.Tensor;
import dev.saraf.train.metrics.ConfusionMatrix;
import dev.saraf.train.metrics.RegressionMeter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running metrics of one pass over data (an epoch of training, or an evaluation): a confusion
 * matrix for classification, a {@link RegressionMeter} for regression. Sized on the first batch
 * (classes or outputs from the model's output) and reused, so adding a batch allocates nothing.
 */
final class Meters {
    private final Task task;
    private final float binaryThreshold;
    private ConfusionMatrix confusion;
    private RegressionMeter regression;

    Meters(Task task, float binaryThreshold) {
        this.task = task;
        this.binaryThreshold = binaryThreshold;
    }

    void reset() {
        if (confusion != null) {
            confusion.reset();
        }
        if (regression != null) {
            regression.reset();
        }
    }

    /** Adds a batch of model outputs {@code [N, C]} (or {@code [N, k]}) and their targets. */
    void add(Tensor out, Tensor targets) {
        int n = out.rank() == 0 ? 1 : out.size(0);
        if (task == Task.CLASSIFICATION) {
            int classes = out.rank() == 2 ? Math.max(2, out.size(1)) : 2;
            if (confusion == null || confusion.classes() != classes) {
                confusion = new ConfusionMatrix(classes);
            }
            confusion.add(out, targets, binaryThreshold);
        } else {
            int outputs = Math.max(1, out.numel() / Math.max(1, n));
            if (regression == null || regression.outputs() != outputs) {
                regression = new RegressionMeter(outputs);
            }
            regression.add(out, targets);
        }
    }

    /** Examples classified correctly so far (0 for regression). */
    long correct() {
        return confusion == null ? 0 : confusion.correct();
    }

    /** {@code accuracy}, or {@code mse}, {@code mae} and {@code r2}. */
    Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (task == Task.CLASSIFICATION) {
            m.put("accuracy", confusion == null ? Double.NaN : confusion.accuracy());
        } else if (regression != null) {
            m.putAll(regression.summary());
        }
        return m;
    }
}
