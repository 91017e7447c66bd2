package dev.saraf.io;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code __metadata__} strings of a model file, both ways: {@link #encode} turns the
 * architecture, provenance, extra entries and optimiser values into strings, {@link #decode}
 * validates every key and parses them back. Keys are listed in docs/model-files.md.
 *
 * @param architecture   the layer tree as parsed JSON, or null when the model could not describe itself
 * @param provenance     where the model came from
 * @param extra          the caller's own entries (preprocessing, class names, ...)
 * @param optimizerValues the optimiser's scalar state, keys without the {@code optim.} prefix (empty when none)
 */
record ModelMetadata(Map<String, Object> architecture, Provenance provenance, Map<String, String> extra,
        Map<String, String> optimizerValues) {

    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";
    static final String ARCHITECTURE = "architecture";
    static final String SARAF_VERSION = "saraf_version";
    static final String SEED = "seed";
    static final String HYPERPARAMETERS = "hyperparameters";
    static final String DATASET = "dataset";
    static final String DATASET_SHA256 = "dataset_sha256";
    static final String METRICS = "metrics";
    static final String CREATED = "created";
    /** Keys the format owns; extra entries may not use them. */
    static final Set<String> RESERVED = Set.of(FORMAT, FORMAT_VERSION, ARCHITECTURE, SARAF_VERSION, SEED, HYPERPARAMETERS,
            DATASET, DATASET_SHA256, METRICS, CREATED);
    /** Names of optimiser tensors and metadata values start with this. */
    static final String OPTIM_PREFIX = "optim.";

    /** The metadata strings, format keys first, then provenance, optimiser values and extra entries. */
    Map<String, String> encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, ModelFile.FORMAT);
        m.put(FORMAT_VERSION, ModelFile.FORMAT_VERSION);
        if (architecture != null) {
            m.put(ARCHITECTURE, Json.write(architecture));
        }
        m.put(SARAF_VERSION, provenance.sarafVersion());
        if (provenance.seed() != null) {
            m.put(SEED, Long.toString(provenance.seed()));
        }
        m.put(HYPERPARAMETERS, Json.write(provenance.hyperparameters()));
        if (provenance.dataset() != null) {
            m.put(DATASET, provenance.dataset());
        }
        if (provenance.datasetSha256() != null) {
            m.put(DATASET_SHA256, provenance.datasetSha256());
        }
        m.put(METRICS, Json.write(metricsJson(provenance.metrics())));
        m.put(CREATED, provenance.created().toString());
        optimizerValues.forEach((k, v) -> m.put(OPTIM_PREFIX + k, v));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            checkExtraKey(e.getKey());
            if (e.getValue() == null) {
                throw new IllegalArgumentException("ModelFile: extra metadata \"" + e.getKey() + "\" has a null value");
            }
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    /** Throws unless {@code key} is free for the caller's own metadata. */
    static void checkExtraKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("ModelFile: an extra metadata key is null or empty");
        }
        if (RESERVED.contains(key) || key.startsWith(OPTIM_PREFIX)) {
            throw new IllegalArgumentException("ModelFile: extra metadata key \"" + key + "\" is reserved by the model format"
                    + " (reserved: " + String.join(", ", RESERVED.stream().sorted().toList()) + " and the prefix " + OPTIM_PREFIX + ")");
        }
    }

    /** Validates and parses the metadata of {@code file}. */
    static ModelMetadata decode(Path file, Map<String, String> m) throws ModelFileException {
        String format = m.get(FORMAT);
        if (format == null) {
            throw new ModelFileException(file, FORMAT, "missing: this is not a saraf model file (a plain safetensors file? "
                    + "read its tensors with SafeTensors.read)");
        }
        if (!format.equals(ModelFile.FORMAT)) {
            throw new ModelFileException(file, FORMAT, "is \"" + format + "\", not \"" + ModelFile.FORMAT
                    + "\": this is not a saraf model file");
        }
        String version = required(file, m, FORMAT_VERSION);
        if (!version.equals(ModelFile.FORMAT_VERSION)) {
            throw new ModelFileException(file, FORMAT_VERSION, "\"" + version + "\" is not supported (this saraf reads version "
                    + ModelFile.FORMAT_VERSION + "; a newer saraf may read it)");
        }
        Map<String, Object> architecture = null;
        if (m.containsKey(ARCHITECTURE)) {
            architecture = jsonObject(file, ARCHITECTURE, m.get(ARCHITECTURE));
        }
        Long seed = null;
        if (m.containsKey(SEED)) {
            try {
                seed = Long.parseLong(m.get(SEED));
            } catch (NumberFormatException e) {
                throw new ModelFileException(file, SEED, "must be a whole number, got \"" + m.get(SEED) + "\"");
            }
        }
        Map<String, Object> hyper = jsonObject(file, HYPERPARAMETERS, required(file, m, HYPERPARAMETERS));
        Map<String, Double> metrics = metrics(file, jsonObject(file, METRICS, required(file, m, METRICS)));
        Instant created;
        try {
            created = Instant.parse(required(file, m, CREATED));
        } catch (DateTimeParseException e) {
            throw new ModelFileException(file, CREATED, "must be an ISO-8601 UTC time like 2025-01-31T12:00:00Z, got \""
                    + m.get(CREATED) + "\"");
        }
        String sarafVersion = required(file, m, SARAF_VERSION);
        if (sarafVersion.isBlank()) {
            throw new ModelFileException(file, SARAF_VERSION, "is blank");
        }
        String dataset = m.get(DATASET);
        if (dataset != null && dataset.isBlank()) {
            throw new ModelFileException(file, DATASET, "is blank (a file without a data set name omits the key)");
        }
        String sha = m.get(DATASET_SHA256);
        if (sha != null && !Provenance.SHA256.matcher(sha).matches()) {
            throw new ModelFileException(file, DATASET_SHA256, "must be 64 lowercase hex digits, got \"" + sha + "\"");
        }
        Provenance provenance = new Provenance(sarafVersion, seed, hyper, dataset, sha, metrics, created);
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, String> optim = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey().startsWith(OPTIM_PREFIX)) {
                optim.put(e.getKey().substring(OPTIM_PREFIX.length()), e.getValue());
            } else if (!RESERVED.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new ModelMetadata(architecture, provenance, extra, optim);
    }

    private static String required(Path file, Map<String, String> m, String key) throws ModelFileException {
        String v = m.get(key);
        if (v == null) {
            throw new ModelFileException(file, key, "missing");
        }
        return v;
    }

    private static Map<String, Object> jsonObject(Path file, String key, String text) throws ModelFileException {
        Object value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            throw new ModelFileException(file, key, "malformed JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new ModelFileException(file, key, "must be a JSON object, found " + Json.typeName(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /** JSON has no NaN or infinity; those metrics (a diverged run's loss) are written as strings. */
    private static Map<String, Object> metricsJson(Map<String, Double> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(k, Double.isFinite(v) ? (Object) v : v.toString()));
        return out;
    }

    private static Map<String, Double> metrics(Path file, Map<String, Object> json) throws ModelFileException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) {
                out.put(e.getKey(), n.doubleValue());
            } else if (v instanceof String s && List.of("NaN", "Infinity", "-Infinity").contains(s)) {
                out.put(e.getKey(), Double.parseDouble(s));
            } else {
                throw new ModelFileException(file, METRICS, "\"" + e.getKey() + "\" must be a number (or \"NaN\", \"Infinity\", "
                        + "\"-Infinity\"), found " + Json.write(v));
            }
        }
        return out;
    }
}
