package dev.saraf.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.nn.Linear;
import dev.saraf.nn.Sequential;
import dev.saraf.optim.SGD;
import dev.saraf.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of broken model files, each made from a good one by one change, and the error each must
 * get: corrupt or truncated bytes, files that are not saraf models, bad metadata fields, and
 * weights that do not fit the architecture. {@link ModelFile#load} and {@link ModelFile#loadInto}
 * must both reject each, naming the file and the problem.
 */
class ModelFileRejectionTest {
    @TempDir
    Path dir;

    private Path good;

    /** The good file: Linear(3, 2) -> ReLU -> Linear(2, 1), with an SGD-with-momentum state. */
    private static Sequential model() {
        SplittableRandom rng = new SplittableRandom(1);
        return new Sequential(new Linear(3, 2, rng), new dev.saraf.nn.ReLU(), new Linear(2, 1, rng));
    }

    @BeforeEach
    void writeGoodFile() throws IOException {
        Sequential m = model();
        SGD sgd = new SGD(m.parameters(), new SGD.Options(0.1f, 0.9f));
        for (Tensor p : m.parameters()) {
            p.setGrad(Tensor.zeros(p.shape()).add(1f));
        }
        sgd.step();
        good = dir.resolve("good.safetensors");
        ModelFile.save(good, m, Provenance.now().withSeed(3).withDataset("toy", "0".repeat(64)), sgd);
        assertThat(ModelFile.load(good).model().toString()).isEqualTo(m.toString()); // the base case loads
    }

    /** A change to the file as safetensors content: metadata and tensors, rewritten validly. */
    record Edit(Consumer<Map<String, String>> metadata, Consumer<Map<String, Tensor>> tensors) {}

    /** A change to the raw bytes. */
    interface Bytes {
        byte[] apply(byte[] file);
    }

    record Case(String name, Object change, Class<? extends Exception> type, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case meta(String name, Consumer<Map<String, String>> edit, String message) {
        return new Case(name, new Edit(edit, t -> {}), ModelFileException.class, message);
    }

    private static Case tensors(String name, Consumer<Map<String, Tensor>> edit, String message) {
        return new Case(name, new Edit(m -> {}, edit), ModelFileException.class, message);
    }

    private static Case bytes(String name, Bytes edit, String message) {
        return new Case(name, edit, SafeTensorsException.class, message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Corrupt or truncated bytes: found by the safetensors layer, with the byte offset.
                bytes("empty file", f -> new byte[0], "file is 0 bytes long, too short for the 8-byte header length"),
                bytes("cut inside the length", f -> Arrays.copyOf(f, 5), "too short for the 8-byte header length"),
                bytes("cut inside the header", f -> Arrays.copyOf(f, 40), "runs past the end of the file"),
                bytes("cut inside the data", f -> Arrays.copyOf(f, f.length - 4), "truncated: tensor"),
                bytes("trailing garbage", f -> Arrays.copyOf(f, f.length + 8), "bytes after the last tensor's data are not described"),
                bytes("huge header length", f -> withLength(f, Long.MAX_VALUE), "exceeds the 100000000-byte limit"),
                bytes("header JSON broken", f -> replace(f, "\"format\":", "\"format\"!"), "malformed header JSON"),
                bytes("header not UTF-8", f -> replace(f, "saraf-model", "saraf-mod\u00ff\u00fe"), "header is not valid UTF-8"),
                bytes("wrong data length in header", f -> replace(f, "\"shape\":[2,3]", "\"shape\":[3,3]"),
                        "needs 36 bytes but data_offsets"),
                // Not a saraf model, or not this version.
                meta("plain safetensors file", Map::clear, "format: missing: this is not a saraf model file"),
                meta("other format", m -> m.put("format", "pt"), "format: is \"pt\", not \"saraf-model\""),
                meta("newer format version", m -> m.put("format_version", "2"), "format_version: \"2\" is not supported"),
                meta("no format version", m -> m.remove("format_version"), "format_version: missing"),
                // Architecture.
                meta("architecture not JSON", m -> m.put("architecture", "{\"type\": \"Sequential\","), "architecture: malformed JSON"),
                meta("architecture not an object", m -> m.put("architecture", "[1, 2]"), "architecture: must be a JSON object, found array"),
                meta("unknown layer type", m -> m.put("architecture", m.get("architecture").replace("ReLU", "Swish")),
                        "architecture: cannot build the model: Architecture: unknown layer type 'Swish' at '1'"),
                meta("unknown layer key", m -> m.put("architecture", m.get("architecture").replace("\"bias\":true", "\"bias\":true,\"colour\":1")),
                        "has an unknown key 'colour'"),
                meta("impossible layer size", m -> m.put("architecture", m.get("architecture").replace("\"in\":3", "\"in\":-3")),
                        "architecture: cannot build the model"),
                meta("architecture of another model", m -> m.put("architecture", m.get("architecture").replace("\"out\":1", "\"out\":4")),
                        "weights: do not fit the model: loadStateDict into Sequential failed, nothing was loaded:\n"
                                + "  shape mismatch: 2.weight expects [4, 2], got [1, 2]\n  shape mismatch: 2.bias expects [4], got [1]"),
                // Provenance fields.
                meta("no saraf version", m -> m.remove("saraf_version"), "saraf_version: missing"),
                meta("seed not a number", m -> m.put("seed", "forty-two"), "seed: must be a whole number, got \"forty-two\""),
                meta("hyperparameters not an object", m -> m.put("hyperparameters", "\"lr=0.1\""),
                        "hyperparameters: must be a JSON object, found string"),
                meta("no metrics", m -> m.remove("metrics"), "metrics: missing"),
                meta("metric not a number", m -> m.put("metrics", "{\"accuracy\": \"high\"}"),
                        "metrics: \"accuracy\" must be a number"),
                meta("created not a time", m -> m.put("created", "yesterday"), "created: must be an ISO-8601 UTC time"),
                meta("dataset hash not hex", m -> m.put("dataset_sha256", "abc"), "dataset_sha256: must be 64 lowercase hex digits"),
                meta("dataset name blank", m -> m.put("dataset", ""), "dataset: is blank"),
                // Weights.
                tensors("weight missing", t -> t.remove("0.bias"), "weights: do not fit the model: loadStateDict into Sequential "
                        + "failed, nothing was loaded:\n  missing: 0.bias"),
                tensors("weight unexpected", t -> t.put("3.weight", Tensor.zeros(1, 1)), "weights: do not fit the model: "
                        + "loadStateDict into Sequential failed, nothing was loaded:\n  unexpected: 3.weight"),
                tensors("weight mis-shaped", t -> t.put("0.weight", Tensor.zeros(3, 2)),
                        "shape mismatch: 0.weight expects [2, 3], got [3, 2]"),
                // Optimiser state without its values.
                meta("optimiser tensors without type", m -> m.remove("optim.type"), "optim.type: missing, though the file holds "
                        + "optimiser entries (state.0.momentum_buffer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithTheExpectedMessage(Case c) throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        if (c.change() instanceof Edit e) {
            SafeTensors.Contents contents = SafeTensors.read(good);
            Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
            Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
            e.metadata().accept(metadata);
            e.tensors().accept(tensors);
            SafeTensors.write(bad, tensors, metadata);
        } else {
            Files.write(bad, ((Bytes) c.change()).apply(Files.readAllBytes(good)));
        }
        assertThatThrownBy(() -> ModelFile.load(bad)).as("load")
                .isInstanceOf(c.type()).hasMessageStartingWith(bad.toString() + ": ").hasMessageContaining(c.message());
        boolean needsArchitecture = c.message().contains("architecture:") || c.name().equals("unknown layer key");
        if (!needsArchitecture && !c.name().equals("architecture of another model")) {
            // loadInto checks the same fields (not the architecture's buildability) against a caller-built model.
            assertThatThrownBy(() -> ModelFile.loadInto(bad, model())).as("loadInto")
                    .isInstanceOf(c.type()).hasMessageContaining(c.message());
        }
    }

    private static byte[] withLength(byte[] file, long length) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return out;
    }

    /** Replaces text in the header by text of the same byte length, keeping the layout intact. */
    private static byte[] replace(byte[] file, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = to.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(b.length).as("same length").isEqualTo(a.length);
        byte[] out = file.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
                return out;
            }
        }
        throw new AssertionError("\"" + from + "\" not in the file");
    }
}
