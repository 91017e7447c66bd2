package dev.saraf.serve.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.io.LoadedModel;
import dev.saraf.io.Provenance;
import dev.saraf.serve.registry.ModelSignature;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the registry records about a model file that {@link dev.saraf.io.ModelFile#load} accepted:
 * its metrics, provenance, architecture, extra entries and {@link ModelSignature}.
 *
 * <p>The input shape is the extra entry {@code input_shape} (a JSON array of the sizes after the
 * batch axis, e.g. {@code [1, 28, 28]}), else what the first layer pins down ({@code Linear}:
 * {@code [in]}, {@code Conv2d}: {@code [in, -1, -1]}), else unknown ({@code [-1]}, batch axis
 * only). The output shape is {@code [-1, out]} of the last {@code Linear} (activations, dropout
 * and softmax after it ignored), else {@code [-1, n]} for {@code n} class names, else {@code [-1]}.
 */
record ModelFileFacts(Map<String, Double> metrics, Map<String, Object> provenance, Map<String, Object> architecture,
        Map<String, String> extra, ModelSignature signature) {

    /** Extra keys the registry reads; malformed values are refused at registration. */
    static final String INPUT_SHAPE = "input_shape";
    static final String CLASS_NAMES = "class_names";

    private static final int MAX_RANK = 8;
    private static final int MAX_CLASSES = 100_000;
    private static final Set<String> SHAPE_KEEPING = Set.of("ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh",
            "Softmax", "LogSoftmax", "Dropout", "Identity");

    /**
     * Reads the facts of {@code loaded}.
     *
     * @throws RegistryException INVALID when {@code input_shape} or {@code class_names} is malformed,
     *                           or the class names do not match the output size
     */
    static ModelFileFacts of(LoadedModel loaded, ObjectMapper json) {
        Map<String, Object> architecture = loaded.architecture() == null ? Map.of() : loaded.architecture();
        List<Long> inputShape = inputShape(loaded.extra().get(INPUT_SHAPE), architecture, json);
        List<String> classes = classNames(loaded.extra().get(CLASS_NAMES), json);
        Long out = outputSize(architecture);
        if (out != null && !classes.isEmpty() && out != classes.size()) {
            throw invalid(CLASS_NAMES + " lists " + classes.size() + " names but the model's last layer has " + out + " outputs");
        }
        List<Long> outputShape = new ArrayList<>(List.of(-1L));
        if (out != null) {
            outputShape.add(out);
        } else if (!classes.isEmpty()) {
            outputShape.add((long) classes.size());
        }
        ModelSignature signature = new ModelSignature(List.of(new TensorSpec("input", "FP32", inputShape)),
                List.of(new TensorSpec("output", "FP32", outputShape)), classes);
        Provenance p = loaded.provenance();
        return new ModelFileFacts(p.metrics(), provenance(p), architecture, loaded.extra(), signature);
    }

    private static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("saraf_version", p.sarafVersion());
        if (p.seed() != null) {
            m.put("seed", p.seed());
        }
        m.put("hyperparameters", p.hyperparameters());
        if (p.dataset() != null) {
            m.put("dataset", p.dataset());
        }
        if (p.datasetSha256() != null) {
            m.put("dataset_sha256", p.datasetSha256());
        }
        m.put("metrics", p.metrics());
        m.put("created", p.created().toString());
        return m;
    }

    private static List<Long> inputShape(String declared, Map<String, Object> architecture, ObjectMapper json) {
        List<Long> shape = new ArrayList<>(List.of(-1L));
        if (declared != null) {
            JsonNode n = parse(INPUT_SHAPE, declared, json);
            if (!n.isArray() || n.isEmpty() || n.size() > MAX_RANK) {
                throw invalid(INPUT_SHAPE + " must be a JSON array of 1 to " + MAX_RANK + " sizes after the batch axis, e.g. [1, 28, 28]");
            }
            for (JsonNode d : n) {
                if (!d.canConvertToExactIntegral() || !d.canConvertToInt() || (d.asInt() < 1 && d.asInt() != -1)) {
                    throw invalid(INPUT_SHAPE + " must hold positive whole sizes (or -1 for any), got " + d);
                }
                shape.add(d.asLong());
            }
            return shape;
        }
        Map<String, Object> first = firstLayer(architecture);
        String type = first == null ? "" : String.valueOf(first.get("type"));
        Object in = first == null ? null : first.get("in");
        if (in instanceof Number n && type.equals("Linear")) {
            shape.add(n.longValue());
        } else if (in instanceof Number n && type.equals("Conv2d")) {
            shape.addAll(List.of(n.longValue(), -1L, -1L));
        }
        return shape;
    }

    private static Long outputSize(Map<String, Object> architecture) {
        List<Map<String, Object>> layers = flatten(architecture);
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> layer = layers.get(i);
            String type = String.valueOf(layer.get("type"));
            if (type.equals("Linear") && layer.get("out") instanceof Number n) {
                return n.longValue();
            }
            if (!SHAPE_KEEPING.contains(type)) {
                return null;
            }
        }
        return null;
    }

    private static Map<String, Object> firstLayer(Map<String, Object> architecture) {
        List<Map<String, Object>> layers = flatten(architecture);
        return layers.isEmpty() ? null : layers.get(0);
    }

    /** The leaf layers in order, looking inside nested {@code Sequential}s. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> flatten(Map<String, Object> layer) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (layer == null || layer.isEmpty()) {
            return out;
        }
        if ("Sequential".equals(layer.get("type")) && layer.get("layers") instanceof List<?> children) {
            for (Object child : children) {
                if (child instanceof Map<?, ?> m) {
                    out.addAll(flatten((Map<String, Object>) m));
                }
            }
        } else {
            out.add(layer);
        }
        return out;
    }

    private static List<String> classNames(String declared, ObjectMapper json) {
        if (declared == null) {
            return List.of();
        }
        JsonNode n = parse(CLASS_NAMES, declared, json);
        if (!n.isArray() || n.size() > MAX_CLASSES) {
            throw invalid(CLASS_NAMES + " must be a JSON array of at most " + MAX_CLASSES + " strings, e.g. [\"cat\", \"dog\"]");
        }
        List<String> names = new ArrayList<>(n.size());
        for (JsonNode c : n) {
            if (!c.isTextual()) {
                throw invalid(CLASS_NAMES + " must hold strings only, got " + c);
            }
            names.add(c.asText());
        }
        return names;
    }

    private static JsonNode parse(String key, String text, ObjectMapper json) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(key + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(RegistryException.Kind.INVALID, "model file: extra metadata " + message);
    }
}
