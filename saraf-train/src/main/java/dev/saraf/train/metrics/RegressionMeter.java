package dev.saraf.train.metrics;

import dev.saraf.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming regression metrics over batches of predictions and targets of {@code k} outputs each:
 * mean squared error, mean absolute error (both over all outputs) and the coefficient of
 * determination R², computed per output and averaged uniformly, as scikit-learn's
 * {@code r2_score} with {@code multioutput="uniform_average"}. An output whose targets are all
 * equal has R² 1 when predicted exactly, else 0 (scikit-learn's convention).
 *
 * <p>Target means and sums of squares use Welford's update, so R² stays accurate when targets
 * are far from zero; {@link #add} allocates nothing.
 */
public final class RegressionMeter {
    private final int outputs;
    private final double[] sse;
    private final double[] mean;
    private final double[] m2;
    private double sae;
    private long rows;

    /** A meter for predictions of {@code outputs >= 1} values per example. */
    public RegressionMeter(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("RegressionMeter: needs at least 1 output, got " + outputs);
        }
        this.outputs = outputs;
        sse = new double[outputs];
        mean = new double[outputs];
        m2 = new double[outputs];
    }

    /** Metrics of {@code predictions} against {@code targets} (same number of elements, {@code [N]} or {@code [N, k]}). */
    public static RegressionMeter of(Tensor predictions, Tensor targets) {
        RegressionMeter m = new RegressionMeter(predictions.rank() < 2 ? 1 : predictions.numel() / Math.max(1, predictions.size(0)));
        m.add(predictions, targets);
        return m;
    }

    /** Number of outputs per example. */
    public int outputs() {
        return outputs;
    }

    /** Adds a batch: both tensors hold {@code N * outputs()} values, example-major. */
    public void add(Tensor predictions, Tensor targets) {
        if (predictions.numel() != targets.numel() || predictions.numel() % outputs != 0) {
            throw new IllegalArgumentException("RegressionMeter.add: predictions " + predictions.shape() + " and targets "
                    + targets.shape() + " must hold the same N x " + outputs + " values");
        }
        float[] p = predictions.data();
        float[] t = targets.data();
        int n = p.length / outputs;
        for (int i = 0; i < n; i++) {
            rows++;
            for (int j = 0; j < outputs; j++) {
                double y = t[i * outputs + j];
                double e = p[i * outputs + j] - y;
                sse[j] += e * e;
                sae += Math.abs(e);
                double d = y - mean[j];
                mean[j] += d / rows;
                m2[j] += d * (y - mean[j]);
            }
        }
    }

    /** Forgets everything added. */
    public void reset() {
        java.util.Arrays.fill(sse, 0);
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(m2, 0);
        sae = 0;
        rows = 0;
    }

    /** Examples added. */
    public long count() {
        return rows;
    }

    /** Mean of the squared errors over all outputs; NaN when empty. */
    public double mse() {
        double s = 0;
        for (double v : sse) {
            s += v;
        }
        return rows == 0 ? Double.NaN : s / (rows * (double) outputs);
    }

    /** Mean of the absolute errors over all outputs; NaN when empty. */
    public double mae() {
        return rows == 0 ? Double.NaN : sae / (rows * (double) outputs);
    }

    /** R² = 1 - SSE/SST per output, averaged over outputs; NaN when empty. */
    public double r2() {
        if (rows == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < outputs; j++) {
            s += m2[j] == 0 ? (sse[j] == 0 ? 1 : 0) : 1 - sse[j] / m2[j];
        }
        return s / outputs;
    }

    /** {@code mse}, {@code mae} and {@code r2} by name. */
    public Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", mse());
        m.put("mae", mae());
        m.put("r2", r2());
        return m;
    }
}
