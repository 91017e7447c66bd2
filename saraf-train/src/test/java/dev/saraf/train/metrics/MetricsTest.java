package dev.saraf.train.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    // 6 examples, 3 classes. argmax rows: 0, 1, 1, 2, 0, 2; targets: 0, 1, 2, 2, 1, 0.
    private static final Tensor SCORES = Tensor.matrix(new float[][] {
        {3, 1, 0}, {0, 2, 1}, {0, 5, 4}, {1, 0, 2}, {0.9f, 0.5f, 0.1f}, {1, 1, 3}});
    private static final Tensor TARGETS = Tensor.vector(0, 1, 2, 2, 1, 0);

    @Test
    void confusionMatrixByHand() {
        ConfusionMatrix m = ConfusionMatrix.of(SCORES, TARGETS);
        // rows true, columns predicted
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{1, 0, 1}, {1, 1, 0}, {0, 1, 1}});
        assertThat(m.total()).isEqualTo(6);
        assertThat(m.accuracy()).isEqualTo(3.0 / 6);
        // class 0: predicted 2 times (1 right), occurs 2 times (1 right)
        assertThat(m.precision(0)).isEqualTo(0.5);
        assertThat(m.recall(0)).isEqualTo(0.5);
        assertThat(m.f1(0)).isEqualTo(0.5);
        assertThat(m.precision(2)).isEqualTo(0.5);
        assertThat(m.recall(1)).isEqualTo(0.5);
        assertThat(m.macroF1()).isCloseTo(0.5, within(1e-15));
        assertThat(m.summary()).containsKeys("accuracy", "macro_precision", "macro_recall", "macro_f1");
        assertThat(Metrics.accuracy(SCORES, TARGETS)).isEqualTo(0.5);
    }

    @Test
    void unevenPrecisionRecallAndZeroDivision() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 0);
        // class 0: precision 2/3, recall 2/3; class 1: precision 0/1, recall 0/1; class 2 absent: 0, 0
        assertThat(m.precision(0)).isEqualTo(2.0 / 3);
        assertThat(m.recall(0)).isEqualTo(2.0 / 3);
        assertThat(m.f1(0)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.precision(2)).isZero();
        assertThat(m.f1(1)).isZero();
        assertThat(m.macroPrecision()).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(m.format(List.of("a", "b", "c"))).contains("true\\pred").contains("a").contains("      2");
        assertThatThrownBy(() -> m.add(3, 0)).hasMessageContaining("outside [0, 3)");
    }

    @Test
    void binaryScoresUseTheThreshold() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(Tensor.of(new float[] {-1, 0.5f, 2, -0.1f}, 4, 1), Tensor.vector(0, 0, 1, 1), 0f);
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{1, 1}, {1, 1}});
        m.reset();
        m.add(Tensor.of(new float[] {0.2f, 0.7f}, 2, 1), Tensor.vector(0, 1), 0.5f);
        assertThat(m.accuracy()).isEqualTo(1.0);
    }

    @Test
    void topKByHand() {
        // true-class ranks: row0 0, row1 0, row2 1, row3 0, row4 1, row5 1 (tie with class 1 ranks 0 before it... class 0 is the
        // true class; class 1 ties but has the higher index, class 2 is higher): ranks 0,0,1,0,1,1
        assertThat(Metrics.topKAccuracy(SCORES, TARGETS, 1)).isEqualTo(0.5);
        assertThat(Metrics.topKAccuracy(SCORES, TARGETS, 2)).isEqualTo(1.0);
        assertThat(Metrics.topKAccuracy(SCORES, TARGETS, 3)).isEqualTo(1.0);
        Tensor tie = Tensor.matrix(new float[][] {{1, 1, 1}});
        assertThat(Metrics.topKAccuracy(tie, Tensor.vector(2), 2)).isZero();
        assertThat(Metrics.topKAccuracy(tie, Tensor.vector(1), 2)).isEqualTo(1.0);
        assertThatThrownBy(() -> Metrics.topKAccuracy(SCORES, TARGETS, 0)).hasMessageContaining("k must be");
    }

    @Test
    void regressionByHand() {
        Tensor pred = Tensor.vector(2.5f, 0.0f, 2f, 8f);
        Tensor target = Tensor.vector(3f, -0.5f, 2f, 7f);
        // errors -0.5, 0.5, 0, 1: MSE 1.5/4, MAE 2/4; mean(y) 2.875, SST 29.1875; R2 = 1 - 1.5/29.1875 (scikit-learn: 0.9486081370449679)
        assertThat(Metrics.mse(pred, target)).isEqualTo(0.375);
        assertThat(Metrics.mae(pred, target)).isEqualTo(0.5);
        assertThat(Metrics.r2(pred, target)).isCloseTo(0.9486081370449679, within(1e-12));
    }

    @Test
    void multiOutputR2AveragesOutputsAndConstantTargets() {
        // two outputs: the first as above, the second constant and predicted exactly (R2 1 by convention)
        Tensor pred = Tensor.of(new float[] {2.5f, 1, 0, 1, 2, 1, 8, 1}, 4, 2);
        Tensor target = Tensor.of(new float[] {3, 1, -0.5f, 1, 2, 1, 7, 1}, 4, 2);
        RegressionMeter m = RegressionMeter.of(pred, target);
        assertThat(m.outputs()).isEqualTo(2);
        assertThat(m.r2()).isCloseTo((0.9486081370449679 + 1) / 2, within(1e-12));
        assertThat(m.mse()).isEqualTo(1.5 / 8);
        RegressionMeter streamed = new RegressionMeter(2);
        streamed.add(pred.slice(0, 0, 1), target.slice(0, 0, 1));
        streamed.add(pred.slice(0, 1, 4), target.slice(0, 1, 4));
        assertThat(streamed.r2()).isCloseTo(m.r2(), within(1e-12));
        assertThat(new RegressionMeter(1).mse()).isNaN();
    }
}
