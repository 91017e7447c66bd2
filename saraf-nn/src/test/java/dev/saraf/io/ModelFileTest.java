package dev.saraf.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.autograd.NoGrad;
import dev.saraf.nn.BatchNorm2d;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Dropout;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.MaxPool2d;
import dev.saraf.nn.Module;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.TestData;
import dev.saraf.optim.Adam;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading whole models: bit-identical outputs, PyTorch names, provenance, optimiser state. */
class ModelFileTest {
    @TempDir
    Path dir;

    static Sequential mlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(6, 16, rng), new ReLU(), new Dropout(0.3, rng), new Linear(16, 3, rng));
    }

    static Sequential cnn(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(2, 4, 3, 1, 1, rng), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Dropout(0.25, rng), new Flatten(), new Linear(4 * 3 * 3, 5, rng));
    }

    private static float[] eval(Module m, Tensor x) {
        m.eval();
        try (var _ = NoGrad.enter()) {
            return m.forward(x).data().clone();
        }
    }

    private static int[] bits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }

    @Test
    void mlpRoundTripGivesBitIdenticalOutputs() throws IOException {
        Sequential model = mlp(1);
        Tensor x = TestData.random(new SplittableRandom(2), 5, 6);
        Path f = dir.resolve("mlp.safetensors");
        ModelFile.save(f, model, Provenance.now().withSeed(1));

        LoadedModel loaded = ModelFile.load(f);
        assertThat(loaded.model()).isNotSameAs(model);
        assertThat(loaded.model().isTraining()).isFalse();
        assertThat(loaded.model().toString()).isEqualTo(model.toString());
        assertThat(bits(eval(loaded.model(), x))).isEqualTo(bits(eval(model, x)));
        assertThat(loaded.hasOptimizerState()).isFalse();
    }

    @Test
    void cnnWithBatchNormStatisticsRoundTripsBitIdentically() throws IOException {
        Sequential model = cnn(3);
        // Train-mode forwards move the running statistics away from their initial 0 and 1.
        SplittableRandom rng = new SplittableRandom(4);
        try (var _ = NoGrad.enter()) {
            for (int i = 0; i < 3; i++) {
                model.forward(TestData.random(rng, 4, 2, 6, 6));
            }
        }
        assertThat(model.stateDict().get("1.running_mean").data()).isNotEqualTo(new float[4]);
        Tensor x = TestData.random(rng, 3, 2, 6, 6);
        Path f = dir.resolve("cnn.safetensors");
        ModelFile.save(f, model, Provenance.now());

        LoadedModel loaded = ModelFile.load(f);
        assertThat(bits(eval(loaded.model(), x))).isEqualTo(bits(eval(model, x)));
        for (var e : model.stateDict().entrySet()) {
            assertThat(bits(loaded.model().stateDict().get(e.getKey()).data())).as(e.getKey()).isEqualTo(bits(e.getValue().data()));
        }
    }

    @Test
    void tensorsCarryPyTorchNamesAndLayouts() throws IOException {
        Sequential model = cnn(5);
        Path f = dir.resolve("names.safetensors");
        ModelFile.save(f, model, Provenance.now());

        SafeTensors.Contents c = SafeTensors.read(f);
        assertThat(c.tensors().keySet()).containsExactlyInAnyOrderElementsOf(model.stateDict().keySet());
        assertThat(c.tensors().keySet()).contains("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked", "6.weight", "6.bias");
        assertThat(c.tensors().get("0.weight").dims()).containsExactly(4, 2, 3, 3); // [out, in, kh, kw]
        assertThat(c.tensors().get("6.weight").dims()).containsExactly(5, 36); // [out, in]
        assertThat(c.metadata()).containsEntry("format", "saraf-model").containsEntry("format_version", "1");
        assertThat(Json.parseObject(c.metadata().get("architecture"))).isEqualTo(Json.parse(Json.write(
                dev.saraf.nn.Architecture.describe(model))));
    }

    @Test
    void provenanceAndExtraEntriesRoundTrip() throws IOException {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("lr", 0.01);
        hyper.put("epochs", 10L);
        hyper.put("optimizer", "adam");
        hyper.put("layers", List.of(16L, 3L));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_accuracy", 0.9815);
        metrics.put("val_loss", Double.NaN); // a diverged run still saves
        metrics.put("grad_norm", Double.POSITIVE_INFINITY);
        Path data = Files.writeString(dir.resolve("data.csv"), "x,y\n1,2\n");
        Provenance p = new Provenance("9.9.9", -7L, hyper, "toy", Provenance.sha256(data), metrics,
                Instant.parse("2025-03-01T10:15:30.123456Z"));
        Map<String, String> extra = Map.of("class_names", "[\"cat\",\"dog\",\"owl\"]", "input_scale", "0.00392156862745098");
        Path f = dir.resolve("prov.safetensors");
        ModelFile.save(f, mlp(1), p, extra, null);

        LoadedModel loaded = ModelFile.load(f);
        assertThat(loaded.provenance()).isEqualTo(p);
        assertThat(loaded.extra()).isEqualTo(extra);
        assertThat(p.datasetSha256()).isEqualTo("81bf9fa83c6f7f151bd491a98cd7d933de3965289e3ebd77c6c425f7eaa16392");
    }

    @Test
    void defaultsRecordThisBuildsVersionAndTheTime() throws IOException {
        Instant before = Instant.now();
        Provenance p = Provenance.now();
        assertThat(p.sarafVersion()).isNotBlank().isNotEqualTo("unknown"); // the build filters the version in
        assertThat(p.created()).isBetween(before, Instant.now());
        Path f = dir.resolve("defaults.safetensors");
        ModelFile.save(f, mlp(2), p);
        Map<String, String> meta = SafeTensors.read(f).metadata();
        assertThat(meta).doesNotContainKeys("seed", "dataset", "dataset_sha256");
        assertThat(meta).containsEntry("hyperparameters", "{}").containsEntry("metrics", "{}")
                .containsEntry("saraf_version", p.sarafVersion()).containsEntry("created", p.created().toString());
        assertThat(ModelFile.load(f).provenance()).isEqualTo(p);
    }

    @Test
    void optimizerStateResumesTrainingBitForBit() throws IOException {
        Sequential a = mlp(7);
        Adam optA = new Adam(a.parameters(), new Adam.Options(1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, false));
        SplittableRandom data = new SplittableRandom(8);
        Tensor x = TestData.random(data, 4, 6);
        a.eval(); // dropout off, so the two runs see the same computation
        for (int t = 0; t < 3; t++) {
            step(a, optA, x);
        }
        Path f = dir.resolve("resume.safetensors");
        ModelFile.save(f, a, Provenance.now(), optA);
        assertThat(SafeTensors.read(f).tensors()).containsKeys("optim.state.0.exp_avg", "optim.state.3.exp_avg_sq");
        assertThat(SafeTensors.read(f).metadata()).containsEntry("optim.type", "Adam").containsEntry("optim.state.0.step", "3");

        LoadedModel loaded = ModelFile.load(f);
        Module b = loaded.model();
        Adam optB = new Adam(b.parameters(), new Adam.Options(1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, false));
        loaded.restoreOptimizer(optB);
        for (int t = 0; t < 3; t++) {
            step(a, optA, x);
            step(b, optB, x);
        }
        for (var e : a.stateDict().entrySet()) {
            assertThat(bits(b.stateDict().get(e.getKey()).data())).as(e.getKey()).isEqualTo(bits(e.getValue().data()));
        }
        assertThatThrownBy(() -> loaded.restoreOptimizer(new SGD(b.parameters(), new SGD.Options(0.1f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resume.safetensors: optimiser state: SGD.loadStateDict: the state is of a Adam optimiser");
    }

    private static void step(Module m, Adam opt, Tensor x) {
        opt.zeroGrad();
        Tensor y = m.forward(x);
        y.mul(y).mean().backward();
        opt.step();
    }

    @Test
    void restoringWithoutSavedStateIsAnError() throws IOException {
        Path f = dir.resolve("nostate.safetensors");
        Sequential model = mlp(1);
        ModelFile.save(f, model, Provenance.now());
        LoadedModel loaded = ModelFile.load(f);
        assertThatThrownBy(() -> loaded.restoreOptimizer(new SGD(loaded.model().parameters(), new SGD.Options(0.1f))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no optimiser state");
    }

    @Test
    void loadIntoFillsACallerBuiltModelAndNamesEveryMisfit() throws IOException {
        Path f = dir.resolve("into.safetensors");
        Sequential model = mlp(1);
        ModelFile.save(f, model, Provenance.now());

        Sequential same = mlp(99);
        same.train();
        LoadedModel loaded = ModelFile.loadInto(f, same);
        assertThat(loaded.model()).isSameAs(same);
        assertThat(same.isTraining()).as("mode left as it was").isTrue();
        Tensor x = TestData.random(new SplittableRandom(3), 2, 6);
        assertThat(bits(eval(same, x))).isEqualTo(bits(eval(model, x)));

        SplittableRandom rng = new SplittableRandom(1);
        Sequential other = new Sequential(new Linear(6, 8, rng), new ReLU(), new ReLU(), new Linear(16, 3, false, rng),
                new Linear(3, 3, rng));
        float[] before = other.stateDict().get("0.weight").data().clone();
        assertThatThrownBy(() -> ModelFile.loadInto(f, other))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("into.safetensors: weights: do not fit the model")
                .hasMessageContaining("missing: 4.weight, 4.bias")
                .hasMessageContaining("unexpected: 3.bias")
                .hasMessageContaining("shape mismatch: 0.weight expects [8, 6], got [16, 6]");
        assertThat(other.stateDict().get("0.weight").data()).as("nothing loaded on error").isEqualTo(before);
    }

    /** A module without config(): saved with its weights only. */
    private static final class Custom extends Module {
        private final Linear inner;

        Custom(long seed) {
            inner = registerModule("inner", new Linear(3, 2, new SplittableRandom(seed)));
        }

        @Override
        protected Tensor compute(Tensor input) {
            return inner.forward(input).tanh();
        }
    }

    @Test
    void customModulesSaveWeightsOnlyAndLoadIntoACallerBuiltOne() throws IOException {
        Path f = dir.resolve("custom.safetensors");
        Custom model = new Custom(1);
        ModelFile.save(f, model, Provenance.now());
        assertThat(SafeTensors.read(f).metadata()).doesNotContainKey("architecture");
        assertThatThrownBy(() -> ModelFile.load(f)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("custom.safetensors: architecture: missing").hasMessageContaining("loadInto");
        Custom back = new Custom(2);
        ModelFile.loadInto(f, back);
        Tensor x = TestData.random(new SplittableRandom(3), 2, 3);
        assertThat(bits(eval(back, x))).isEqualTo(bits(eval(model, x)));
    }

    @Test
    void reservedKeysAreRejectedOnSave() {
        Path f = dir.resolve("reserved.safetensors");
        for (String key : List.of("format", "architecture", "metrics", "optim.lr", "")) {
            assertThatThrownBy(() -> ModelFile.save(f, mlp(1), Provenance.now(), Map.of(key, "x"), null))
                    .as(key).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra metadata key");
        }
        assertThat(f).doesNotExist();
    }

    @Test
    void provenanceValidatesItsFields() {
        Provenance p = Provenance.now();
        assertThatThrownBy(() -> p.withDataset("mnist", "ABC")).hasMessageContaining("64 lowercase hex digits");
        assertThatThrownBy(() -> p.withDataset(" ", null)).hasMessageContaining("dataset name is blank");
        assertThatThrownBy(() -> p.withHyperparameters(Map.of("x", new Object()))).hasMessageContaining("not JSON-able");
    }
}
