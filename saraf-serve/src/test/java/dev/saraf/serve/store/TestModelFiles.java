package dev.saraf.serve.store;

import dev.saraf.io.ModelFile;
import dev.saraf.io.Provenance;
import dev.saraf.nn.Conv2d;
import dev.saraf.nn.Flatten;
import dev.saraf.nn.Linear;
import dev.saraf.nn.ReLU;
import dev.saraf.nn.Sequential;
import dev.saraf.nn.Softmax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Small, valid saraf model files for registry tests. */
final class TestModelFiles {
    private TestModelFiles() {}

    /** An MLP 4 -> hidden -> 3 with metrics, seed and class names; different seeds give different bytes. */
    static Path mlp(Path dir, long seed, int hidden) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential model = new Sequential(new Linear(4, hidden, rng), new ReLU(), new Linear(hidden, 3, rng), new Softmax(1));
        Provenance p = Provenance.now().withSeed(seed).withHyperparameters(Map.of("lr", 0.01, "epochs", 3))
                .withDataset("iris", null).withMetrics(Map.of("accuracy", 0.5 + seed % 10 / 100.0, "loss", Double.NaN));
        Path file = dir.resolve("mlp-" + seed + "-" + hidden + ".safetensors");
        ModelFile.save(file, model, p, Map.of("class_names", "[\"setosa\",\"versicolor\",\"virginica\"]"), null);
        return file;
    }

    /** A small CNN for [1, 8, 8] images with a declared input shape and no class names. */
    static Path cnn(Path dir, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential model = new Sequential(new Conv2d(1, 2, 3, 1, 1, rng), new ReLU(), new Flatten(), new Linear(2 * 8 * 8, 10, rng));
        Path file = dir.resolve("cnn-" + seed + ".safetensors");
        ModelFile.save(file, model, Provenance.now(), Map.of("input_shape", "[1, 8, 8]"), null);
        return file;
    }

    /** A file with the given extra entries on the MLP. */
    static Path withExtra(Path dir, String name, Map<String, String> extra) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        Path file = dir.resolve(name + ".safetensors");
        ModelFile.save(file, new Sequential(new Linear(4, 3, rng)), Provenance.now(), extra, null);
        return file;
    }

    /**
     * A saraf model file whose architecture claims {@code Linear(in, out)} but which holds only a
     * 1-element weight: what an attacker sends to make a server allocate {@code in * out} floats.
     */
    static Path hugeArchitecture(Path dir, int in, int out) throws IOException {
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("format", ModelFile.FORMAT);
        meta.put("format_version", ModelFile.FORMAT_VERSION);
        meta.put("architecture", "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":" + in + ",\"out\":" + out
                + ",\"bias\":true}]}");
        meta.put("saraf_version", "0");
        meta.put("hyperparameters", "{}");
        meta.put("metrics", "{}");
        meta.put("created", "2026-01-01T00:00:00Z");
        Path file = dir.resolve("huge.safetensors");
        dev.saraf.io.SafeTensors.write(file, Map.of("0.weight", dev.saraf.tensor.Tensor.zeros(1)), meta);
        return file;
    }

    /** The file's bytes with the header's opening brace replaced: malformed header JSON. */
    static byte[] breakHeader(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[8] = 'x';
        return b;
    }

    /** The file's bytes with the last byte changed (still the right size: a corrupted weight or header). */
    static byte[] flipLastByte(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length - 1] ^= 0x5A;
        return b;
    }
}
