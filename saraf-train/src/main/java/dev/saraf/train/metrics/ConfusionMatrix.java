package dev.saraf.train.metrics;

import dev.saraf.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs over a set of examples, and the classification
 * metrics that follow from them: accuracy, per-class precision, recall and F1, and their macro
 * averages (the unweighted mean over classes, as scikit-learn's {@code average="macro"}).
 *
 * <p>Predictions come from scores {@code [N, C]} (logits or probabilities) by argmax, the first
 * highest index winning ties, as {@link Tensor#argmax}; a single score column {@code [N, 1]} is a
 * binary classifier, predicting class 1 when the score is above {@code threshold} (0 for logits,
 * 0.5 for probabilities). {@link #add} allocates nothing, so a trainer can call it per batch.
 * A class that is never predicted has precision 0, one that never occurs recall 0, as
 * scikit-learn's {@code zero_division=0}.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;

    /** An empty matrix over {@code classes >= 1} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("ConfusionMatrix: needs at least 1 class, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    /** The matrix of {@code scores [N, C]} (or {@code [N, 1]} binary, threshold 0) against {@code targets [N]}. */
    public static ConfusionMatrix of(Tensor scores, Tensor targets) {
        ConfusionMatrix m = new ConfusionMatrix(Math.max(2, scores.rank() == 2 ? scores.size(1) : 2));
        m.add(scores, targets, 0f);
        return m;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Counts one example of true class {@code actual} predicted as {@code predicted}. */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: class " + actual + " predicted as " + predicted
                    + " is outside [0, " + classes + ")");
        }
        counts[actual * classes + predicted]++;
    }

    /**
     * Adds a batch: {@code scores [N, C]} with {@code C == classes()}, or {@code [N, 1]} / {@code [N]}
     * binary scores compared with {@code threshold}; {@code targets [N]} or {@code [N, 1]} holds
     * class indices as whole floats.
     */
    public void add(Tensor scores, Tensor targets, float threshold) {
        int n = scores.rank() == 0 ? 1 : scores.size(0);
        int c = scores.rank() == 2 ? scores.size(1) : 1;
        if (targets.numel() != n || (c != 1 && c != classes) || scores.rank() > 2) {
            throw new IllegalArgumentException("ConfusionMatrix.add: scores " + scores.shape() + " and targets "
                    + targets.shape() + " do not fit " + classes + " classes (want [N, " + classes + "] and [N])");
        }
        float[] s = scores.data();
        float[] t = targets.data();
        for (int i = 0; i < n; i++) {
            float y = t[i];
            if (y != Math.rint(y) || !(y >= 0 && y < classes)) {
                throw new IllegalArgumentException("ConfusionMatrix.add: target " + y + " at index " + i
                        + " is not a class index in [0, " + classes + ")");
            }
            int predicted = c == 1 ? (s[i] > threshold ? 1 : 0) : argmax(s, i * c, c);
            counts[(int) y * classes + predicted]++;
        }
    }

    /** Index of the first largest of {@code s[off .. off+len)}; NaN counts as largest, as in PyTorch. */
    static int argmax(float[] s, int off, int len) {
        int best = 0;
        float bv = s[off];
        for (int j = 1; j < len && !Float.isNaN(bv); j++) {
            float v = s[off + j];
            if (v > bv || Float.isNaN(v)) {
                bv = v;
                best = j;
            }
        }
        return best;
    }

    /** Sets every count to 0. */
    public void reset() {
        Arrays.fill(counts, 0);
    }

    /** Examples of true class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual * classes + predicted];
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] counts() {
        long[][] out = new long[classes][];
        for (int a = 0; a < classes; a++) {
            out[a] = Arrays.copyOfRange(counts, a * classes, (a + 1) * classes);
        }
        return out;
    }

    /** Number of examples counted. */
    public long total() {
        long n = 0;
        for (long v : counts) {
            n += v;
        }
        return n;
    }

    /** Examples predicted correctly. */
    public long correct() {
        long n = 0;
        for (int k = 0; k < classes; k++) {
            n += counts[k * classes + k];
        }
        return n;
    }

    /** Fraction predicted correctly; NaN when empty. */
    public double accuracy() {
        long n = total();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    /** Of the examples predicted as {@code k}, the fraction that are {@code k}. */
    public double precision(int k) {
        long predicted = 0;
        for (int a = 0; a < classes; a++) {
            predicted += counts[a * classes + k];
        }
        return predicted == 0 ? 0 : (double) counts[k * classes + k] / predicted;
    }

    /** Of the examples of class {@code k}, the fraction predicted as {@code k}. */
    public double recall(int k) {
        long actual = 0;
        for (int p = 0; p < classes; p++) {
            actual += counts[k * classes + p];
        }
        return actual == 0 ? 0 : (double) counts[k * classes + k] / actual;
    }

    /** Harmonic mean of precision and recall of class {@code k} (0 when both are 0). */
    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean of the per-class precisions. */
    public double macroPrecision() {
        double s = 0;
        for (int k = 0; k < classes; k++) {
            s += precision(k);
        }
        return s / classes;
    }

    /** Mean of the per-class recalls. */
    public double macroRecall() {
        double s = 0;
        for (int k = 0; k < classes; k++) {
            s += recall(k);
        }
        return s / classes;
    }

    /** Mean of the per-class F1 scores (not the F1 of the macro precision and recall). */
    public double macroF1() {
        double s = 0;
        for (int k = 0; k < classes; k++) {
            s += f1(k);
        }
        return s / classes;
    }

    /** The headline numbers by name: {@code accuracy}, {@code macro_precision}, {@code macro_recall}, {@code macro_f1}. */
    public Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_precision", macroPrecision());
        m.put("macro_recall", macroRecall());
        m.put("macro_f1", macroF1());
        return m;
    }

    /** The counts as a text table, rows true classes, columns predicted, labelled with {@code names} (or indices). */
    public String format(java.util.List<String> names) {
        int w = 6;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%9s", "true\\pred"));
        for (int p = 0; p < classes; p++) {
            sb.append(String.format(" %" + w + "s", label(names, p)));
        }
        sb.append('\n');
        for (int a = 0; a < classes; a++) {
            sb.append(String.format("%9s", label(names, a)));
            for (int p = 0; p < classes; p++) {
                sb.append(String.format(" %" + w + "d", counts[a * classes + p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String label(java.util.List<String> names, int k) {
        String s = names != null && k < names.size() ? names.get(k) : Integer.toString(k);
        return s.length() > 9 ? s.substring(0, 9) : s;
    }
}
