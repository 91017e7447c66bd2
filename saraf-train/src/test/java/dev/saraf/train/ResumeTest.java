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
    void resumeCarriesAReduceOnPlateauSchedule(@TempDir Path dir) throws Exception {
        History full = plateauTrainer(1).fit(train(), val(), 4);
        // "loss" watched as higher-is-better improves only at epoch 1: with patience 0 the rate halves after each later epoch
        assertThat(full.series("lr")).containsExactly(0.02f, 0.02f, 0.01f, 0.005f);
        Trainer unbroken = plateauTrainer(1);
        unbroken.fit(train(), val(), 4);
        plateauTrainer(1).fit(train(), val(), 2, ModelCheckpoint.everyEpoch(dir.resolve("c.safetensors")));
        Trainer resumed = plateauTrainer(5);
        resumed.resume(dir.resolve("c.safetensors"));
        assertThat(resumed.fit(train(), val(), 4)).isEqualTo(full);
        assertThat(Models.weights(resumed.model())).isDeepEqualTo(Models.weights(unbroken.model()));
    }

    private static Trainer plateauTrainer(long modelSeed) {
        Module model = Models.mlp(2, 3, modelSeed, null);
        Adam opt = new Adam(model.parameters(), 0.02f);
        var plateau = new dev.saraf.optim.lr.ReduceLROnPlateau(opt,
                new dev.saraf.optim.lr.ReduceLROnPlateau.Options(dev.saraf.optim.lr.ReduceLROnPlateau.Mode.MAX, 0.5f, 0));
        return new Trainer(model, new CrossEntropyLoss(), opt, Trainer.Options.classification(21).withPlateau(plateau, "loss"));
    }

    @Test
    void checkpointLoadsAsPlainWeights(@TempDir Path dir) throws Exception {
        Trainer t = trainer(1);
        Path best = dir.resolve("best.safetensors");
        // "epoch" improves every epoch, so the best file holds the final weights
        ModelCheckpoint cb = ModelCheckpoint.best(best, new Monitor("epoch", Monitor.Mode.MAX, 0))
                .with(dev.saraf.io.Provenance.now(), java.util.Map.of("class_names", "[\"a\",\"b\",\"c\"]"));
        t.fit(train(), val(), 2, cb);
        assertThat(cb.lastWritten()).isEqualTo(best);
        var loaded = dev.saraf.io.ModelFile.load(best); // rebuilt from the architecture, for inference
        assertThat(Models.weights(loaded.model())).isDeepEqualTo(Models.weights(t.model()));
        assertThat(loaded.provenance().seed()).isEqualTo(21L);
        assertThat(loaded.provenance().metrics()).containsKeys("loss", "val_accuracy", "lr");
        assertThat(loaded.extra()).containsKeys("class_names", Checkpoint.EPOCH, Checkpoint.HISTORY, "scheduler.last_epoch");
        assertThat(Files.size(best)).isGreaterThan(0);
    }

    @Test
    void bestCheckpointIsWrittenOnlyWhenTheMonitorImproves(@TempDir Path dir) {
        // The training loss falls each epoch, so as "higher is better" only epoch 1 improves.
        ModelCheckpoint cb = ModelCheckpoint.best(dir.resolve("best-{epoch}.safetensors"), new Monitor("loss", Monitor.Mode.MAX, 0));
        History h = trainer(1).fit(train(), null, 3, cb);
        assertThat(h.series("loss")[2]).isLessThan(h.series("loss")[0]);
        assertThat(dir.resolve("best-1.safetensors")).exists();
        assertThat(dir.resolve("best-2.safetensors")).doesNotExist();
        assertThat(dir.resolve("best-3.safetensors")).doesNotExist();
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
        float[][] untouched = Models.weights(model);
        Path plain = dir.resolve("w.safetensors");
        dev.saraf.io.ModelFile.save(plain, Models.mlp(2, 3, 7, rng), dev.saraf.io.Provenance.now().withSeed(22));
        assertThatThrownBy(() -> other.resume(plain)).hasMessageContaining("not a training checkpoint");
        assertThat(Models.weights(model)).isDeepEqualTo(untouched);
    }
}
