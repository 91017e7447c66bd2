package dev.saraf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.data.DataLoader;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.nn.loss.MSELoss;
import dev.saraf.optim.Adam;
import dev.saraf.optim.SGD;
import dev.saraf.optim.lr.StepLR;
import dev.saraf.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Synthetic.Table TRAIN = Synthetic.blobs(600, 3, 1);
    private static final Synthetic.Table TEST = Synthetic.blobs(300, 3, 2);

    private static Trainer classifier(long seed, int threads, EpochRandom rng) {
        Module model = Models.mlp(2, 3, seed, rng);
        var opt = new Adam(model.parameters(), 0.01f);
        var options = Trainer.Options.classification(seed).withThreads(threads).withRandom(rng)
                .withScheduler(new StepLR(opt, 2, 0.5f)).withClipGradNorm(5);
        return new Trainer(model, new CrossEntropyLoss(), opt, options);
    }

    @Test
    void learnsBlobsAndEvaluatesAndPredicts() {
        Trainer t = classifier(7, 1, null);
        History h = t.fit(Synthetic.loader(TRAIN, 32, true, 3), Synthetic.loader(TEST, 64, false, 0), 4);
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.stopReason()).isNull();
        assertThat(h.last().valMetrics().get("accuracy")).isGreaterThan(0.9);
        assertThat(h.last().loss()).isLessThan(h.epochs().getFirst().loss());
        // StepLR(2, 0.5): epochs 1-2 at 0.01, 3-4 at 0.005.
        assertThat(h.series("lr")).containsExactly(0.01f, 0.01f, 0.005f, 0.005f);
        assertThat(t.model().isTraining()).isTrue();

        Map<String, Double> eval = t.evaluate(Synthetic.loader(TEST, 64, false, 0));
        assertThat(eval.keySet()).containsExactly("loss", "accuracy");
        assertThat(eval.get("loss")).isEqualTo(h.last().valLoss());
        assertThat(eval.get("accuracy")).isEqualTo(h.last().valMetrics().get("accuracy"));

        var cm = t.confusion(Synthetic.loader(TEST, 64, false, 0));
        assertThat(cm.total()).isEqualTo(300);
        assertThat(cm.accuracy()).isEqualTo(eval.get("accuracy"));

        Tensor p = t.predict(Synthetic.loader(TEST, 64, false, 0));
        assertThat(p.dims()).containsExactly(300, 3);
        Tensor direct = t.predict(Tensor.wrap(TEST.x().clone(), 300, 2));
        assertThat(direct.toArray()).containsExactly(p.toArray());
        assertThat(t.model().isTraining()).isTrue();
    }

    @Test
    void fitsLinearRegression() {
        Synthetic.Table train = Synthetic.linear(400, 5);
        Synthetic.Table test = Synthetic.linear(200, 6);
        Module model = Models.mlp(3, 1, 11, null);
        Trainer t = new Trainer(model, new MSELoss(), new SGD(model.parameters(), 0.05f, 0.9f), Trainer.Options.regression(11));
        History h = t.fit(Synthetic.loader(train, 16, true, 1), Synthetic.loader(test, 50, false, 0), 6);
        assertThat(h.last().metrics().keySet()).containsExactly("mse", "mae", "r2");
        Map<String, Double> eval = t.evaluate(Synthetic.loader(test, 50, false, 0));
        assertThat(eval.get("r2")).isGreaterThan(0.97);
        assertThat(eval.get("mse")).isCloseTo(eval.get("loss"), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalHistoryAndWeights() {
        Trainer a = classifier(3, 2, new EpochRandom(3));
        Trainer b = classifier(3, 2, new EpochRandom(3));
        History ha = a.fit(Synthetic.loader(TRAIN, 20, true, 9), Synthetic.loader(TEST, 64, false, 0), 3);
        History hb = b.fit(Synthetic.loader(TRAIN, 20, true, 9), Synthetic.loader(TEST, 64, false, 0), 3);
        assertThat(ha).isEqualTo(hb);
        assertThat(Models.weights(a.model())).isDeepEqualTo(Models.weights(b.model()));
        Trainer c = classifier(4, 2, new EpochRandom(4));
        assertThat(c.fit(Synthetic.loader(TRAIN, 20, true, 9), null, 3)).isNotEqualTo(ha);
    }

    @Test
    void fitContinuesToTheTotalEpochCount() {
        Trainer a = classifier(5, 1, null);
        DataLoader train = Synthetic.loader(TRAIN, 50, true, 2);
        a.fit(train, null, 2);
        History h = a.fit(train, null, 3);
        assertThat(h.size()).isEqualTo(3);
        Trainer b = classifier(5, 1, null);
        assertThat(b.fit(train, null, 3)).isEqualTo(h);
        assertThat(Models.weights(a.model())).isDeepEqualTo(Models.weights(b.model()));
    }

    @Test
    void binaryClassifierWithOneLogitCountsAccuracyAtThresholdZero() {
        Synthetic.Table two = Synthetic.blobs(200, 2, 3);
        Synthetic.Table asColumn = new Synthetic.Table("two", two.x(), two.y(), 2, 1, two.classes());
        Module model = Models.mlp(2, 1, 2, null);
        Trainer t = new Trainer(model, new dev.saraf.nn.loss.BCEWithLogitsLoss(), new Adam(model.parameters(), 0.02f),
                Trainer.Options.classification(2));
        History h = t.fit(Synthetic.loader(asColumn, 20, true, 1), null, 3);
        assertThat(h.last().metrics().get("accuracy")).isGreaterThan(0.95);
        Tensor logits = t.predict(Tensor.wrap(two.x().clone(), 200, 2));
        long right = 0;
        for (int i = 0; i < 200; i++) {
            right += (logits.data()[i] > 0 ? 1 : 0) == (int) two.y()[i] ? 1 : 0;
        }
        assertThat(t.evaluate(Synthetic.loader(asColumn, 50, false, 0)).get("accuracy")).isEqualTo(right / 200.0);
    }

    @Test
    void rejectsBadOptionsAndSchedulerOfAnotherOptimizer() {
        assertThatThrownBy(() -> Trainer.Options.classification(1).withThreads(-1)).hasMessageContaining("threads");
        assertThatThrownBy(() -> Trainer.Options.classification(1).withClipGradNorm(-1)).hasMessageContaining("clipGradNorm");
        Module m = Models.mlp(2, 3, 1, null);
        var other = new SGD(Models.mlp(2, 3, 1, null).parameters(), 0.1f);
        assertThatThrownBy(() -> new Trainer(m, new CrossEntropyLoss(), new SGD(m.parameters(), 0.1f),
                Trainer.Options.classification(1).withScheduler(new StepLR(other, 1, 0.5f))))
                .hasMessageContaining("scheduler");
    }
}
