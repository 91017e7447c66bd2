package dev.saraf.serve.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.serve.registry.ModelInfo;
import dev.saraf.serve.registry.ModelSummary;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.RegistryException.Kind;
import dev.saraf.serve.registry.Stage;
import dev.saraf.serve.registry.TensorSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry's behaviour, run on SQLite and on PostgreSQL by the subclasses. */
abstract class RegistryContractTest extends RegistryTestBase {

    @Test
    void registersAVersionWithItsMetadata() throws Exception {
        Path file = TestModelFiles.mlp(files, 7, 5);
        ModelVersion v = models.register("iris", file, "alice");

        assertThat(v.version()).isEqualTo(1);
        assertThat(v.stage()).isEqualTo(Stage.STAGING);
        assertThat(v.createdBy()).isEqualTo("alice");
        assertThat(v.sha256()).isEqualTo(Provenance.sha256(file));
        assertThat(v.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(v.metrics()).containsEntry("accuracy", 0.5 + 7 / 100.0).containsKey("loss");
        assertThat(v.metrics().get("loss")).isNaN();
        assertThat(v.provenance()).containsEntry("seed", 7L).containsEntry("dataset", "iris").containsKeys("saraf_version", "created");
        assertThat(v.architecture()).containsEntry("type", "Sequential");
        assertThat(v.signature().inputs()).containsExactly(new TensorSpec("input", "FP32", List.of(-1L, 4L)));
        assertThat(v.signature().outputs()).containsExactly(new TensorSpec("output", "FP32", List.of(-1L, 3L)));
        assertThat(v.signature().classNames()).containsExactly("setosa", "versicolor", "virginica");

        ModelVersion stored = models.version("iris", 1).orElseThrow();
        assertThat(stored.sha256()).isEqualTo(v.sha256());
        assertThat(stored.created()).isEqualTo(v.created());
        assertThat(stored.signature()).isEqualTo(v.signature());
        assertThat(stored.provenance()).isEqualTo(v.provenance());
        assertThat(stored.architecture()).isEqualTo(v.architecture());
        assertThat(stored.metrics().get("accuracy")).isEqualTo(0.5 + 7 / 100.0);
        assertThat(stored.metrics().get("loss")).isNaN();
        assertThat(stored.provenance().get("hyperparameters")).isEqualTo(Map.of("lr", 0.01, "epochs", 3L));
        assertThat(stored.extra()).containsEntry("class_names", "[\"setosa\",\"versicolor\",\"virginica\"]");

        Path blob = models.blob(stored);
        assertThat(blob).hasSameBinaryContentAs(file);
        assertThat(ModelFile.load(blob).provenance().seed()).isEqualTo(7L);
    }

    @Test
    void signatureUsesTheDeclaredInputShape() throws Exception {
        ModelVersion v = models.register("cnn", TestModelFiles.cnn(files, 1), null);
        assertThat(v.signature().inputs().get(0).shape()).containsExactly(-1L, 1L, 8L, 8L);
        assertThat(v.signature().outputs().get(0).shape()).containsExactly(-1L, 10L);
        assertThat(v.signature().classNames()).isEmpty();
    }

    @Test
    void versionNumbersIncreaseAndAreNeverReused() throws Exception {
        assertThat(models.register("m", TestModelFiles.mlp(files, 1, 3), null).version()).isEqualTo(1);
        assertThat(models.register("m", TestModelFiles.mlp(files, 2, 3), null).version()).isEqualTo(2);
        models.delete("m", 2);
        assertThat(models.version("m", 2)).isEmpty();
        assertThat(models.register("m", TestModelFiles.mlp(files, 3, 3), null).version()).isEqualTo(3);
        models.delete("m", 1);
        models.delete("m", 3);
        reopen();
        assertThat(models.register("m", TestModelFiles.mlp(files, 4, 3), null).version()).isEqualTo(4);
        assertThat(models.register("other", TestModelFiles.mlp(files, 4, 3), null).version()).isEqualTo(1);
    }

    @Test
    void identicalUploadsShareOneBlobUntilTheLastIsDeleted() throws Exception {
        byte[] bytes = Files.readAllBytes(TestModelFiles.mlp(files, 1, 3));
        ModelVersion a = models.register("a", new ByteArrayInputStream(bytes), null);
        ModelVersion b = models.register("b", new ByteArrayInputStream(bytes), null);
        assertThat(b.sha256()).isEqualTo(a.sha256());
        assertThat(blobFiles()).hasSize(1);

        models.delete("a", 1);
        assertThat(blobFiles()).hasSize(1);
        assertThat(models.blob(b)).exists();
        models.delete("b", 1);
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void rejectsBadFilesWithoutRecordingAnything() throws Exception {
        Path good = TestModelFiles.mlp(files, 1, 3);
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(good), (int) Files.size(good) - 10);
        List<byte[]> bad = List.of(new byte[0], "not a model".getBytes(), truncated, TestModelFiles.breakHeader(good),
                Files.readAllBytes(TestModelFiles.withExtra(files, "badnames", Map.of("class_names", "[\"a\", \"b\"]"))),
                Files.readAllBytes(TestModelFiles.withExtra(files, "badjson", Map.of("class_names", "[oops"))),
                Files.readAllBytes(TestModelFiles.withExtra(files, "badshape", Map.of("input_shape", "[0, 3]"))),
                Files.readAllBytes(TestModelFiles.hugeArchitecture(files, 100_000, 100_000)));
        for (byte[] b : bad) {
            assertThatThrownBy(() -> models.register("m", new ByteArrayInputStream(b), null))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.INVALID);
                        assertThat(e.getMessage()).startsWith("model file").doesNotContain(home.toString());
                    });
        }
        assertThat(models.listModels()).isEmpty();
        assertThat(blobFiles()).isEmpty();
        try (Stream<Path> tmp = Files.list(home.resolve("blobs/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void refusesAnArchitectureLargerThanItsWeightsBeforeBuildingIt() throws Exception {
        // 10^10 floats: building it would need 40 GB; the check refuses it from the header alone
        assertThatThrownBy(() -> models.register("m", TestModelFiles.hugeArchitecture(files, 100_000, 100_000), null))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                .hasMessage("model file: architecture: needs at least 10000000000 weight values but the file holds 1 "
                        + "(refused before building the model)");
    }

    @Test
    void rejectsInvalidNamesBeforeReadingAnything() {
        for (String name : new String[] {"", "../x", "a/b", ".hidden", "-x", "a b", "x".repeat(65), "é", "a\nb"}) {
            assertThatThrownBy(() -> models.register(name, new ByteArrayInputStream(new byte[0]), null))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                    .hasMessageContaining("model name");
            assertThatThrownBy(() -> models.version(name, 1)).isInstanceOf(RegistryException.class);
        }
        assertThat(models.model("x".repeat(64))).isEmpty();
        assertThat(models.model("Model-1.v2_final")).isEmpty();
    }

    @Test
    void promotingArchivesThePreviousProductionVersion() throws Exception {
        for (int i = 1; i <= 3; i++) {
            models.register("m", TestModelFiles.mlp(files, i, 3), null);
        }
        assertThat(models.resolve("m").orElseThrow().version()).isEqualTo(3); // newest, none in production

        assertThat(models.setStage("m", 1, Stage.PRODUCTION).stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(models.resolve("m").orElseThrow().version()).isEqualTo(1);

        models.setStage("m", 2, Stage.PRODUCTION);
        assertThat(models.version("m", 1).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
        assertThat(models.resolve("m").orElseThrow().version()).isEqualTo(2);
        assertThat(models.setStage("m", 2, Stage.PRODUCTION).stage()).isEqualTo(Stage.PRODUCTION); // idempotent

        models.setStage("m", 2, Stage.ARCHIVED);
        models.setStage("m", 3, Stage.ARCHIVED);
        assertThat(models.resolve("m")).isEmpty(); // every version archived: nothing served by default
        models.setStage("m", 1, Stage.STAGING);
        assertThat(models.resolve("m").orElseThrow().version()).isEqualTo(1);

        assertThat(models.model("m").orElseThrow().versions()).extracting(ModelVersion::stage)
                .containsExactly(Stage.STAGING, Stage.ARCHIVED, Stage.ARCHIVED);
    }

    @Test
    void deletingTheProductionVersionFallsBackToTheNewest() throws Exception {
        models.register("m", TestModelFiles.mlp(files, 1, 3), null);
        models.register("m", TestModelFiles.mlp(files, 2, 3), null);
        models.setStage("m", 2, Stage.PRODUCTION);
        models.delete("m", 2);
        assertThat(models.resolve("m").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void unknownModelsAndVersionsAreNotFound() throws Exception {
        assertThat(models.model("nope")).isEmpty();
        assertThat(models.version("nope", 1)).isEmpty();
        assertThat(models.resolve("nope")).isEmpty();
        assertThatThrownBy(() -> models.setStage("nope", 1, Stage.PRODUCTION))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> models.delete("nope", 1))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        models.register("m", TestModelFiles.mlp(files, 1, 3), null);
        assertThatThrownBy(() -> models.setStage("m", 2, Stage.ARCHIVED))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("model m has no version 2");
        assertThatThrownBy(() -> models.delete("m", 0))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void listsModelsByNameWithTheirDefaultVersion() throws Exception {
        models.register("zeta", TestModelFiles.mlp(files, 1, 3), null);
        models.register("Alpha", TestModelFiles.mlp(files, 2, 3), null);
        models.register("alpha", TestModelFiles.mlp(files, 3, 3), null);
        models.register("alpha", TestModelFiles.mlp(files, 4, 3), null);
        models.setStage("alpha", 1, Stage.PRODUCTION);
        models.register("gone", TestModelFiles.mlp(files, 5, 3), null);
        models.delete("gone", 1);

        List<ModelSummary> list = models.listModels();
        assertThat(list).extracting(ModelSummary::name).containsExactly("Alpha", "alpha", "gone", "zeta");
        ModelSummary alpha = list.get(1);
        assertThat(alpha.versionCount()).isEqualTo(2);
        assertThat(alpha.latestVersion()).isEqualTo(2);
        assertThat(alpha.productionVersion()).isEqualTo(1);
        assertThat(alpha.defaultVersion()).isEqualTo(1);
        assertThat(list.get(2)).extracting(ModelSummary::versionCount, ModelSummary::latestVersion, ModelSummary::defaultVersion)
                .containsExactly(0, null, null);
        assertThat(list.get(3).defaultVersion()).isEqualTo(1);
        ModelInfo info = models.model("alpha").orElseThrow();
        assertThat(info.versions()).extracting(ModelVersion::version).containsExactly(1, 2);
    }

    @Test
    void aCorruptedOrMissingBlobIsReportedOnRead() throws Exception {
        byte[] original = Files.readAllBytes(TestModelFiles.mlp(files, 1, 3));
        ModelVersion v = models.register("m", new ByteArrayInputStream(original), null);
        Path blob = models.blob(v);
        Files.write(blob, TestModelFiles.flipLastByte(blob));
        assertThatThrownBy(() -> models.blob(v)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
            assertThat(e.getMessage()).contains("model m version 1", "corrupted", v.sha256());
        });
        Files.delete(blob);
        assertThatThrownBy(() -> models.blob(v)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.CORRUPT);
            assertThat(e.getMessage()).contains("model m version 1", "missing");
        });
        // registering the same file again heals the blob
        models.register("m", new ByteArrayInputStream(original), null);
        assertThat(models.blob(v)).exists();
    }

    @Test
    void startupRemovesTemporaryFilesAndOrphanBlobs() throws Exception {
        ModelVersion kept = models.register("m", TestModelFiles.mlp(files, 1, 3), null);
        Path tmp = Files.writeString(home.resolve("blobs/tmp/upload-123.tmp"), "half an upload");
        String orphanSha = "ab".repeat(32);
        Path orphan = home.resolve("blobs/sha256/ab/" + orphanSha);
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "a blob whose row was never committed");
        Path stray = Files.writeString(home.resolve("blobs/sha256/ab/not-a-hash"), "?");

        reopen();
        assertThat(tmp).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(models.blob(kept)).exists();
    }

    @Test
    void concurrentRegistrationsGetDistinctVersions() throws Exception {
        int n = 8;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paths.add(TestModelFiles.mlp(files, i % 3, 3)); // some identical: dedup under concurrency too
        }
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (Path p : paths) {
            tasks.add(() -> models.register("m", p, null).version());
        }
        List<Integer> versions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                versions.add(f.get());
            }
        }
        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        for (ModelVersion v : models.model("m").orElseThrow().versions()) {
            assertThat(models.blob(v)).exists();
        }
        assertThat(blobFiles()).hasSize(3);
    }

    @Test
    void aSecondOpenOfTheSameHomeIsReadOnlyForModels() throws Exception {
        ModelVersion v = models.register("m", TestModelFiles.mlp(files, 1, 3), null);
        Path inFlight = Files.writeString(home.resolve("blobs/tmp/upload-in-flight.tmp"), "the owner's upload in progress");
        try (Registry second = Registry.open(home, jdbcUrl)) {
            assertThat(inFlight).as("only the owner cleans up").exists();
            assertThat(second.models().version("m", 1)).isPresent();
            assertThat(second.models().blob(v)).exists();
            assertThatThrownBy(() -> second.models().register("m", TestModelFiles.mlp(files, 2, 3), null))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.STORAGE))
                    .hasMessageContaining("locked by another process");
            String token = second.tokens().create("cli");
            assertThat(registry.tokens().verify(token)).isPresent();
        }
    }

    List<Path> blobFiles() throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("blobs/sha256"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
