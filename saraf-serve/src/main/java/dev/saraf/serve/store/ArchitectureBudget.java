package dev.saraf.serve.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.serve.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A check made before {@link dev.saraf.io.ModelFile#load} builds an uploaded model: building
 * allocates every layer's weights from the architecture alone, so a few bytes claiming
 * {@code Linear(100000, 100000)} would take 40 GB before the weights are found missing. Here the
 * parameters the architecture needs at least are counted from its JSON and compared with the
 * weight values the file holds (the sum of its tensors' shapes); an architecture that needs more
 * is refused. A header that cannot be read is left for {@code ModelFile.load} to report.
 */
final class ArchitectureBudget {
    private static final long MAX_HEADER = 100L << 20;
    private static final int MAX_DEPTH = 64;

    private ArchitectureBudget() {}

    /** @throws RegistryException INVALID when the architecture needs more weights than the file holds */
    static void check(Path file, ObjectMapper json) throws IOException {
        JsonNode header = header(file, json);
        if (header == null || !header.path("__metadata__").path("architecture").isTextual()) {
            return;
        }
        long held = 0;
        for (var it = header.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                held = saturatingAdd(held, elements(e.getValue().path("shape")));
            }
        }
        JsonNode architecture;
        try {
            architecture = json.readTree(header.path("__metadata__").path("architecture").asText());
        } catch (IOException e) {
            return; // ModelFile.load names the malformed field
        }
        long needed = parameters(architecture, 0);
        if (needed > held) {
            throw new RegistryException(RegistryException.Kind.INVALID, "model file: architecture: needs at least " + needed
                    + " weight values but the file holds " + held + " (refused before building the model)");
        }
    }

    private static JsonNode header(Path file, ObjectMapper json) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] prefix = in.readNBytes(8);
            if (prefix.length < 8) {
                return null;
            }
            long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > size - 8 || n > MAX_HEADER) {
                return null;
            }
            try {
                return json.readTree(in.readNBytes((int) n));
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A lower bound on the parameters and buffers of {@code layer}, per the layer constructors of dev.saraf.nn. */
    static long parameters(JsonNode layer, int depth) {
        if (depth > MAX_DEPTH || !layer.isObject()) {
            return 0;
        }
        return switch (layer.path("type").asText()) {
            case "Sequential" -> {
                long sum = 0;
                for (JsonNode child : layer.path("layers")) {
                    sum = saturatingAdd(sum, parameters(child, depth + 1));
                }
                yield sum;
            }
            case "Linear" -> product(size(layer, "in"), size(layer, "out"));
            case "Conv2d" -> {
                long groups = Math.max(1, size(layer, "groups"));
                long kernel = elements(layer.path("kernel"));
                yield product(product(size(layer, "out"), size(layer, "in") / groups), kernel);
            }
            case "Embedding" -> product(size(layer, "count"), size(layer, "dim"));
            case "BatchNorm1d", "BatchNorm2d" -> product(2, size(layer, "features")); // the running statistics
            default -> 0;
        };
    }

    private static long size(JsonNode layer, String key) {
        JsonNode v = layer.path(key);
        return v.canConvertToLong() && v.asLong() > 0 ? v.asLong() : 0;
    }

    /** The product of a shape's sizes (negative or malformed sizes count as 0, which ModelFile.load rejects). */
    private static long elements(JsonNode shape) {
        if (!shape.isArray()) {
            return 0;
        }
        long n = 1;
        for (JsonNode d : shape) {
            n = product(n, d.canConvertToLong() && d.asLong() > 0 ? d.asLong() : 0);
        }
        return n;
    }

    private static long product(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
