package dev.saraf.serve.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.data.Mnist;
import dev.saraf.train.BuiltinModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a training job trains, as {@code POST /api/jobs} sends it, every field checked.
 *
 * @param registerAs     the model name the result is registered under (a new version in staging)
 * @param data           {@code mnist}, {@code fashion-mnist}, {@code mnist-10k}, or {@code dataset:ID} (an uploaded data set)
 * @param model          a built-in model name ({@link BuiltinModels#NAMES}), or null when {@code architecture} is given
 *                       (null for both: {@code cnn} for images, {@code mlp} for table rows)
 * @param architecture   a JSON architecture ({@link dev.saraf.nn.Architecture}) instead of a built-in model, or null
 * @param epochs         epochs to train, 1..1000
 * @param batchSize      examples per step, 1..4096
 * @param optimizer      adam, adamw, sgd (momentum 0.9), rmsprop or adagrad
 * @param lr             the learning rate (positive, finite)
 * @param seed           seed of initialisation, shuffling, dropout and splits
 * @param limit          train on the first {@code limit} examples only (and test on at most as many); 0 for all
 * @param validationSplit share of an uploaded data set held out for validation, in [0, 0.9]
 * @param label          the label column of an uploaded CSV, or null for its last column
 * @param task           {@code classification} or {@code regression} (CSV)
 * @param imageSize      images of an uploaded folder are resized to this square size, 1..512
 * @param channels       images: 1 (grey) or 3 (RGB)
 *
 * <p>A job never names a file path: data sets on the server's disk are reachable only by name or
 * through an upload's id, so a request cannot make the server read an arbitrary file.
 */
public record JobSpec(String registerAs, String data, String model, Map<String, Object> architecture, int epochs,
        int batchSize, String optimizer, double lr, long seed, int limit, double validationSplit, String label,
        String task, int imageSize, int channels) {

    /** Optimiser names with their default learning rates. */
    static final Map<String, Double> OPTIMIZERS = Map.of("adam", 1e-3, "adamw", 1e-3, "sgd", 1e-2, "rmsprop", 1e-2,
            "adagrad", 1e-2);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern DATASET = Pattern.compile("dataset:[0-9a-f]{24}");
    private static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Set<String> FIELDS = Set.of("register_as", "data", "model", "epochs", "batch_size", "optimizer",
            "lr", "seed", "limit", "validation_split", "label", "task", "image_size", "channels");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the architecture. */
    public JobSpec {
        architecture = architecture == null ? null : Map.copyOf(architecture);
    }

    /** True when the data is an uploaded data set ({@code dataset:ID}). */
    public boolean uploaded() {
        return data.startsWith("dataset:");
    }

    /** The upload's id of {@code dataset:ID}. */
    public String datasetId() {
        return data.substring("dataset:".length());
    }

    /**
     * Reads and checks a job request.
     *
     * @throws IllegalArgumentException naming the field and what it accepts
     */
    public static JobSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object such as {\"register_as\": \"digits\", \"data\": \"mnist\", "
                    + "\"model\": \"cnn\", \"epochs\": 2}");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + clip(f) + "\"; the fields are " + FIELDS.stream().sorted().toList());
            }
        }
        String registerAs = text(body, "register_as", null);
        if (registerAs == null || !NAME.matcher(registerAs).matches()) {
            throw new IllegalArgumentException("\"register_as\" must be a model name: 1 to 64 letters, digits, '_', '.', '-', "
                    + "starting with a letter or digit");
        }
        String data = text(body, "data", null);
        if (data == null || !(Mnist.NAMES.contains(data) || DATASET.matcher(data).matches())) {
            throw new IllegalArgumentException("\"data\" must be one of " + String.join(", ", Mnist.NAMES)
                    + ", or dataset:ID for an uploaded data set (POST /api/datasets); file paths are not accepted");
        }
        String model = null;
        Map<String, Object> architecture = null;
        JsonNode m = body.path("model");
        if (m.isObject()) {
            architecture = JSON.convertValue(m, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        } else if (m.isTextual()) {
            model = m.asText();
            if (!BuiltinModels.isBuiltin(model)) {
                throw new IllegalArgumentException("\"model\" must be one of " + String.join(", ", BuiltinModels.NAMES)
                        + ", or a JSON architecture object");
            }
        } else if (!m.isMissingNode() && !m.isNull()) {
            throw new IllegalArgumentException("\"model\" must be a built-in model name or a JSON architecture object");
        }
        int epochs = (int) integer(body, "epochs", 1, 1, 1000);
        int batchSize = (int) integer(body, "batch_size", 128, 1, 4096);
        String optimizer = text(body, "optimizer", "adam");
        if (!OPTIMIZERS.containsKey(optimizer)) {
            throw new IllegalArgumentException("\"optimizer\" must be one of " + OPTIMIZERS.keySet().stream().sorted().toList());
        }
        double lr = number(body, "lr", OPTIMIZERS.get(optimizer));
        if (!(lr > 0) || lr > 100) {
            throw new IllegalArgumentException("\"lr\" must be a positive number up to 100, got " + lr);
        }
        long seed = integer(body, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        int limit = (int) integer(body, "limit", 0, 0, Integer.MAX_VALUE);
        boolean upload = data.startsWith("dataset:");
        double split = number(body, "validation_split", upload ? 0.2 : 0);
        if (!(split >= 0 && split <= 0.9)) {
            throw new IllegalArgumentException("\"validation_split\" must be in [0, 0.9], got " + split);
        }
        String label = text(body, "label", null);
        if (label != null && !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("\"label\" must be a column name of 1 to 200 printable characters");
        }
        String task = text(body, "task", "classification");
        if (!List.of("classification", "regression").contains(task)) {
            throw new IllegalArgumentException("\"task\" must be classification or regression");
        }
        int imageSize = (int) integer(body, "image_size", 28, 1, 512);
        int channels = (int) integer(body, "channels", 1, 1, 3);
        if (channels == 2) {
            throw new IllegalArgumentException("\"channels\" must be 1 (grey) or 3 (RGB)");
        }
        return new JobSpec(registerAs, data, model, architecture, epochs, batchSize, optimizer, lr, seed, limit, split, label,
                task, imageSize, channels);
    }

    /** The request's JSON form (what {@link #parse} reads), for the API and the jobs table. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("register_as", registerAs);
        m.put("data", data);
        m.put("model", architecture != null ? architecture : model);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("seed", seed);
        m.put("limit", limit);
        m.put("validation_split", validationSplit);
        if (label != null) {
            m.put("label", label);
        }
        m.put("task", task);
        m.put("image_size", imageSize);
        m.put("channels", channels);
        return m;
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return n.asText();
    }

    private static long integer(JsonNode body, String field, long fallback, long min, long max) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw new IllegalArgumentException("\"" + field + "\" must be an integer in [" + min + ", " + max + "], got " + clip(n.toString()));
        }
        return n.asLong();
    }

    private static double number(JsonNode body, String field, double fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException("\"" + field + "\" must be a finite number, got " + clip(n.toString()));
        }
        return n.asDouble();
    }

    private static String clip(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
