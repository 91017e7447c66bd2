package dev.saraf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.data.DataLoader;
import dev.saraf.nn.Module;
import dev.saraf.nn.loss.CrossEntropyLoss;
import dev.saraf.optim.Adam;
import dev.saraf.optim.lr.StepLR;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    private static final Synthetic.Table TRAIN = Synthetic.blobs(300, 3, 4);
    private static final Synthetic.Table VAL = Synthetic.blobs(90, 3, 5);

    /** An MLP with dropout, Adam with a step schedule: every kind of state a resume must carry. */
    private static Trainer trainer(long modelSeed) {
        EpochRandom rng = new EpochRandom(21);
        Module model = Models.mlp(2, 3, modelSeed, rng);
        Adam opt = new Adam(model.parameters(), 0.02f);
        return new Trainer(model, new CrossEntropyLoss(), opt,
                Trainer.Options.classification(21).withThreads(2).withRandom(rng).withScheduler(new StepLR(opt, 1, 0.7f)));
    }

    private static DataLoader train() {
        return Synthetic.loader(TRAIN, 16, true, 8);
    }

    private static DataLoader val() {
        return Synthetic.loader(VAL, 32, false, 0);
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUnbrokenOne(@TempDir Path dir) throws Exception {
        Trainer unbroken = trainer(1);
        History full = unbroken.fit(train(), val(), 4);

        Trainer first = trainer(1);
        Path ckpt = dir.resolve("ckpt-{epoch}.safetensors");
        first.fit(train(), val(), 2, ModelCheckpoint.everyEpoch(ckpt));
        Path epoch2 = dir.resolve("ckpt-2.safetensors");
        assertThat(epoch2).exists();
        assertThat(dir.resolve("ckpt-1.safetensors")).exists();

        // A fresh process: other initial weights, fresh optimiser and schedule.
        Trainer resumed = trainer(99);
        resumed.resume(epoch2);
        assertThat(resumed.history().size()).isEqualTo(2);
        History h = resumed.fit(train(), val(), 4);

        assertThat(h).isEqualTo(full);
        assertThat(Models.weights(resumed.model())).isDeepEqualTo(Models.weights(unbroken.model()));
        assertThat(resumed.optimizer().lr()).isEqualTo(unbroken.optimizer().lr());
    }

    @Test
    void checkpointLoadsAsPlainWeights(@TempDir Path dir) throws Exception {
        Trainer t = trainer(1);
        Path best = dir.resolve("best.safetensors");
        ModelCheckpoint cb = ModelCheckpoint.best(best, Monitor.of("val_accuracy"));
        t.fit(train(), val(), 2, cb);
        assertThat(cb.lastWritten()).isEqualTo(best);
        Module copy = Models.mlp(2, 3, 5, new EpochRandom(1));
        Checkpoint.loadWeights(best, copy);
        assertThat(Files.size(best)).isGreaterThan(0);
    }

    @Test
    void resumeRefusesAnotherSeedOrAPlainWeightsFile(@TempDir Path dir) throws Exception {
        Trainer t = trainer(1);
        Path ckpt = dir.resolve("c.safetensors");
        t.fit(train(), null, 1, ModelCheckpoint.everyEpoch(ckpt));
        EpochRandom rng = new EpochRandom(1);
        Module model = Models.mlp(2, 3, 1, rng);
        Adam opt = new Adam(model.parameters(), 0.02f);
        Trainer other = new Trainer(model, new CrossEntropyLoss(), opt, Trainer.Options.classification(22));
        assertThatThrownBy(() -> other.resume(ckpt)).hasMessageContaining("seed 21").hasMessageContaining("seed 22");
        Path plain = dir.resolve("w.safetensors");
        dev.saraf.io.SafeTensors.write(plain, model.stateDict());
        assertThatThrownBy(() -> other.resume(plain)).hasMessageContaining("not a training checkpoint");
    }
}
