package dev.saraf.serve.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One registered version of a model, as stored in the registry's database.
 *
 * @param model        the model's name (see {@link ModelNames})
 * @param version      the version number: 1, 2, ... per model, never reused after a delete
 * @param stage        the life-cycle stage
 * @param created      when it was registered
 * @param createdBy    who registered it (a token label, a user name), or null
 * @param sha256       the SHA-256 of the model file, 64 lowercase hex digits: the blob's address
 * @param sizeBytes    the model file's size in bytes
 * @param metrics      the final metrics from the file's provenance (NaN and infinities allowed), read-only
 * @param provenance   the file's provenance as JSON-able values: {@code saraf_version}, {@code seed},
 *                     {@code hyperparameters}, {@code dataset}, {@code dataset_sha256}, {@code metrics},
 *                     {@code created} (the keys of {@code docs/model-files.md}; absent ones omitted), read-only
 * @param architecture the architecture as parsed JSON ({@link dev.saraf.nn.Architecture#describe}), read-only
 * @param extra        the file's extra metadata entries (e.g. {@code class_names}), read-only
 * @param signature    the inputs, outputs and class names, for OIP model metadata
 */
public record ModelVersion(String model, int version, Stage stage, Instant created, String createdBy, String sha256,
        long sizeBytes, Map<String, Double> metrics, Map<String, Object> provenance, Map<String, Object> architecture,
        Map<String, String> extra, ModelSignature signature) {

    /** Checks required fields and makes the maps read-only (order kept). */
    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(signature, "signature");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        architecture = Collections.unmodifiableMap(new LinkedHashMap<>(architecture));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A copy in {@code newStage}. */
    public ModelVersion withStage(Stage newStage) {
        return new ModelVersion(model, version, newStage, created, createdBy, sha256, sizeBytes, metrics, provenance,
                architecture, extra, signature);
    }
}
