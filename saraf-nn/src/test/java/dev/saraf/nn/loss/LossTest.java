package dev.saraf.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.saraf.autograd.GradCheck;
import dev.saraf.nn.TestData;
import dev.saraf.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Losses against values worked by hand (or by the defining formula in plain loops) and finite differences. */
class LossTest {
    private static final Tensor LOGITS = Tensor.matrix(new float[][] {{1, 2, 3}, {1, 1, 1}, {-2, 0.5f, 4}});
    private static final Tensor LABELS = Tensor.vector(0, 2, 1);

    /** PyTorch's definition, in doubles: (1-e) * nll(weighted) + e/C * smooth, both normalised alike. */
    private static double crossEntropyByDefinition(Tensor x, Tensor y, float[] w, double e, Reduction r, double[] perSample) {
        int n = x.size(0);
        int c = x.size(1);
        double total = 0;
        double denom = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, x.get(i, j));
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(x.get(i, j) - max);
            }
            double lse = max + Math.log(s);
            int t = (int) y.get(i);
            double wy = w == null ? 1 : w[t];
            double smooth = 0;
            for (int j = 0; j < c; j++) {
                smooth += (w == null ? 1 : w[j]) * (lse - x.get(i, j));
            }
            perSample[i] = (1 - e) * wy * (lse - x.get(i, t)) + e / c * smooth;
            total += perSample[i];
            denom += wy;
        }
        return r == Reduction.MEAN ? total / denom : total;
    }

    @Test
    void crossEntropyOfKnownValues() {
        assertThat(new CrossEntropyLoss().forward(Tensor.matrix(new float[][] {{0, 0}}), Tensor.vector(0)).item())
                .isCloseTo((float) Math.log(2), within(1e-6f));
        // logits [1,2,3], target 0, smoothing 0.1: 0.9 * 2.40760596 + 0.1 * 1.40760596
        Tensor one = Tensor.matrix(new float[][] {{1, 2, 3}});
        assertThat(new CrossEntropyLoss(null, 0.1, Reduction.MEAN).forward(one, Tensor.vector(0)).item())
                .isCloseTo(2.30760596f, within(1e-5f));
        // stable for huge logits
        Tensor big = Tensor.matrix(new float[][] {{1000, 0}, {-1000, 1000}});
        assertThat(new CrossEntropyLoss(Reduction.SUM).forward(big, Tensor.vector(1, 0)).item()).isCloseTo(3000f, within(1e-2f));
    }

    @Test
    void crossEntropyMatchesItsDefinitionWithWeightsSmoothingAndEachReduction() {
        float[] w = {0.5f, 2f, 1.5f};
        for (Reduction r : Reduction.values()) {
            for (double e : new double[] {0, 0.2}) {
                for (float[] weights : new float[][] {null, w}) {
                    double[] per = new double[3];
                    double expected = crossEntropyByDefinition(LOGITS, LABELS, weights, e, r, per);
                    Tensor out = new CrossEntropyLoss(weights == null ? null : Tensor.vector(weights), e, r).forward(LOGITS, LABELS);
                    if (r == Reduction.NONE) {
                        assertThat(out.dims()).containsExactly(3);
                        for (int i = 0; i < 3; i++) {
                            assertThat(out.get(i)).isCloseTo((float) per[i], within(1e-5f));
                        }
                    } else {
                        assertThat(out.rank()).isZero();
                        assertThat(out.item()).as("%s e=%s", r, e).isCloseTo((float) expected, within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void crossEntropyGradientsPassFiniteDifferences() {
        Tensor w = Tensor.vector(0.5f, 2f, 1.5f, 1f, 0.7f);
        SplittableRandom g = new SplittableRandom(4);
        Tensor y = TestData.indices(g, 5, 7);
        for (Reduction r : Reduction.values()) {
            for (CrossEntropyLoss loss : new CrossEntropyLoss[] {new CrossEntropyLoss(r), new CrossEntropyLoss(w, 0.15, r)}) {
                Tensor x = TestData.random(g, 7, 5).requiresGrad(true);
                GradCheck.check(in -> loss.forward(in[0], y), new Tensor[] {x}, 1e-2, 1e-3, 1e-2).assertPassed();
            }
        }
    }

    @Test
    void fusedCrossEntropyMatchesLogSoftmaxThenNll() {
        SplittableRandom g = new SplittableRandom(5);
        Tensor w = Tensor.vector(0.5f, 2f, 1.5f, 1f);
        Tensor y = TestData.indices(g, 4, 6);
        for (Tensor weights : new Tensor[] {null, w}) {
            Tensor x1 = TestData.random(g, 6, 4).requiresGrad(true);
            Tensor x2 = x1.copy().requiresGrad(true);
            Tensor fused = new CrossEntropyLoss(weights, 0, Reduction.MEAN).forward(x1, y);
            Tensor composite = new NLLLoss(weights, Reduction.MEAN).forward(x2.logSoftmax(1), y);
            assertThat(fused.item()).isCloseTo(composite.item(), within(1e-5f));
            fused.backward();
            composite.backward();
            TestData.assertClose("gradient", x1.grad(), x2.grad(), 1e-5);
        }
        // plain cross-entropy's gradient is (softmax - onehot) / N
        Tensor x = TestData.random(g, 6, 4).requiresGrad(true);
        new CrossEntropyLoss().forward(x, y).backward();
        Tensor p = x.detach().softmax(1);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                float expected = (p.get(i, j) - (j == (int) y.get(i) ? 1 : 0)) / 6;
                assertThat(x.grad().get(i, j)).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    @Test
    void classLabelsAreChecked() {
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Tensor x = Tensor.zeros(5, 10);
        assertThatThrownBy(() -> ce.forward(x, Tensor.vector(0, 1, 2, 12, 3)))
                .hasMessage("CrossEntropyLoss: target 12 at index 3 is outside [0, 10)");
        assertThatThrownBy(() -> ce.forward(x, Tensor.vector(0, 1, -1, 2, 3)))
                .hasMessage("CrossEntropyLoss: target -1 at index 2 is outside [0, 10)");
        assertThatThrownBy(() -> ce.forward(x, Tensor.vector(0, 1.5f, 2, 2, 3)))
                .hasMessage("CrossEntropyLoss: target 1.5 at index 1 is not a whole class index");
        assertThatThrownBy(() -> ce.forward(x, Tensor.vector(0, 1, 2, 3)))
                .hasMessage("CrossEntropyLoss: input must be [N, C] and target [N] (class indices); got input [5, 10] and target [4]");
        assertThatThrownBy(() -> new CrossEntropyLoss(Tensor.ones(3), 0, Reduction.MEAN).forward(x, Tensor.zeros(5)))
                .hasMessage("CrossEntropyLoss: class weights must be [10] for input [5, 10], got [3]");
        assertThatThrownBy(() -> new NLLLoss().forward(x, Tensor.full(10f, 5)))
                .hasMessage("NLLLoss: target 10 at index 0 is outside [0, 10)");
        assertThatThrownBy(() -> new CrossEntropyLoss(null, 1.5, Reduction.MEAN)).hasMessageContaining("label smoothing");
    }

    @Test
    void nllPicksTheTargetsLogProbability() {
        Tensor logp = Tensor.matrix(new float[][] {{-0.1f, -2f}, {-3f, -0.5f}});
        Tensor y = Tensor.vector(1, 1);
        assertThat(new NLLLoss().forward(logp, y).item()).isCloseTo(1.25f, within(1e-6f));
        Tensor w = Tensor.vector(1, 3);
        assertThat(new NLLLoss(w, Reduction.SUM).forward(logp, y).item()).isCloseTo(7.5f, within(1e-6f));
        assertThat(new NLLLoss(w, Reduction.MEAN).forward(logp, y).item()).isCloseTo(7.5f / 6, within(1e-6f));
        Tensor x = TestData.random(new SplittableRandom(6), 4, 3).requiresGrad(true);
        Tensor t = Tensor.vector(0, 2, 2, 1);
        GradCheck.check(in -> new NLLLoss(Tensor.vector(1, 2, 3), Reduction.MEAN).forward(in[0], t), x).assertPassed();
    }

    @Test
    void binaryCrossEntropyValuesClampAndGradients() {
        Tensor p = Tensor.vector(0.9f, 0.2f, 0.5f);
        Tensor y = Tensor.vector(1, 0, 1);
        double expected = -(Math.log(0.9f) + Math.log(1 - 0.2f) + Math.log(0.5f)) / 3;
        assertThat(new BCELoss().forward(p, y).item()).isCloseTo((float) expected, within(1e-6f));
        assertThat(new BCELoss(Reduction.SUM).forward(Tensor.vector(0f, 1f), Tensor.vector(1, 1)).item()).isEqualTo(100f);
        assertThatThrownBy(() -> new BCELoss().forward(Tensor.vector(1.5f), Tensor.vector(1)))
                .hasMessageContaining("BCELoss: input 1.5 at index 0 is outside [0, 1]");
        Tensor q = TestData.uniform(new SplittableRandom(7), 0.1, 0.9, 3, 4).requiresGrad(true);
        Tensor t = TestData.uniform(new SplittableRandom(8), 0, 1, 3, 4);
        GradCheck.check(in -> new BCELoss(Reduction.NONE).forward(in[0], t), new Tensor[] {q}, 1e-3, 1e-2, 1e-2).assertPassed();
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStableAndMatchesBceOfSigmoid() {
        Tensor huge = Tensor.vector(100f, -100f, 0f);
        Tensor out = new BCEWithLogitsLoss(Reduction.NONE).forward(huge, Tensor.vector(0, 0, 1));
        assertThat(out.get(0)).isCloseTo(100f, within(1e-4f));
        assertThat(out.get(1)).isCloseTo(0f, within(1e-6f));
        assertThat(out.get(2)).isCloseTo((float) Math.log(2), within(1e-6f));
        Tensor x = TestData.random(new SplittableRandom(9), 2, 5);
        Tensor y = TestData.uniform(new SplittableRandom(10), 0, 1, 2, 5);
        float[] s = new float[10];
        for (int i = 0; i < 10; i++) {
            s[i] = (float) (1 / (1 + Math.exp(-x.data()[i])));
        }
        assertThat(new BCEWithLogitsLoss().forward(x, y).item())
                .isCloseTo(new BCELoss().forward(Tensor.of(s, 2, 5), y).item(), within(1e-5f));
        Tensor xg = x.copy().requiresGrad(true);
        GradCheck.check(in -> new BCEWithLogitsLoss(Reduction.SUM).forward(in[0], y), xg).assertPassed();
        assertThatThrownBy(() -> new BCEWithLogitsLoss().forward(x, Tensor.zeros(10)))
                .hasMessage("BCEWithLogitsLoss: input [2, 5] and target [10] must have the same shape");
    }

    @Test
    void regressionLossesOfKnownValues() {
        Tensor x = Tensor.vector(1, 2, 4, -1);
        Tensor y = Tensor.vector(1.5f, 2, 1, 1);
        // differences -0.5, 0, 3, -2
        assertThat(new MSELoss().forward(x, y).item()).isCloseTo((0.25f + 9 + 4) / 4, within(1e-6f));
        assertThat(new MSELoss(Reduction.SUM).forward(x, y).item()).isCloseTo(13.25f, within(1e-6f));
        assertThat(new L1Loss().forward(x, y).item()).isCloseTo(5.5f / 4, within(1e-6f));
        assertThat(new L1Loss(Reduction.NONE).forward(x, y).data()).containsExactly(0.5f, 0f, 3f, 2f);
        // delta 1: 0.125, 0, 2.5, 1.5
        assertThat(new HuberLoss(1f, Reduction.NONE).forward(x, y).data()).containsExactly(0.125f, 0f, 2.5f, 1.5f);
        assertThat(new HuberLoss().forward(x, y).item()).isCloseTo(4.125f / 4, within(1e-6f));
        assertThatThrownBy(() -> new MSELoss().forward(Tensor.zeros(4, 1), Tensor.zeros(4)))
                .hasMessage("MSELoss: input [4, 1] and target [4] must have the same shape");
        assertThatThrownBy(() -> new HuberLoss(0f, Reduction.MEAN)).hasMessageContaining("delta must be > 0");
    }

    @Test
    void regressionLossGradientsPassFiniteDifferences() {
        SplittableRandom g = new SplittableRandom(11);
        Tensor y = TestData.random(g, 3, 4);
        for (Loss loss : new Loss[] {new MSELoss(), new L1Loss(Reduction.SUM), new HuberLoss(0.7f, Reduction.NONE)}) {
            Tensor x = y.add(TestData.awayFromZero(g, 0.2f, 3, 4)).detach().requiresGrad(true);
            GradCheck.check(in -> loss.forward(in[0], y), x).assertPassed();
        }
    }
}
