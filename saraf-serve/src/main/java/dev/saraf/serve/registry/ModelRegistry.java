package dev.saraf.serve.registry;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Named models with integer versions and {@link Stage stages}. Model files are stored on disk by
 * their SHA-256 (identical uploads share one blob); metadata lives in the registry database.
 * Thread-safe; every method either completes or changes nothing, also across a crash (see
 * {@code docs/registry.md}).
 *
 * <p>Errors are {@link RegistryException}s whose {@link RegistryException.Kind} says what went
 * wrong: an invalid name, stage or model file is {@code INVALID}, an unknown model or version
 * {@code NOT_FOUND}, a damaged blob {@code CORRUPT}, a failing disk or database {@code STORAGE}.
 */
public interface ModelRegistry {

    /**
     * Registers a new version of {@code model} (created on its first version) from a saraf model
     * file. The bytes are streamed to a temporary file while hashed, then the file is validated
     * in full with {@link dev.saraf.io.ModelFile#load} (format, architecture, provenance, weights,
     * and the {@code input_shape} and {@code class_names} extra entries when present) before
     * anything is recorded. The new version is {@link Stage#STAGING}, numbered one past the highest
     * number the model ever had.
     *
     * @param model     the model's name, checked by {@link ModelNames#check}
     * @param modelFile the file's bytes; read to the end, not closed. The caller bounds its size.
     * @param createdBy who registers it (e.g. the token's label), or null
     * @return the new version
     * @throws RegistryException INVALID for a bad name or a file that fails validation (the message says why)
     */
    ModelVersion register(String model, InputStream modelFile, String createdBy);

    /** As {@link #register(String, InputStream, String)}, reading the file at {@code modelFile}. */
    ModelVersion register(String model, Path modelFile, String createdBy);

    /** Every model, by name. */
    List<ModelSummary> listModels();

    /** The model with its versions, or empty when it was never registered (an invalid name is INVALID). */
    Optional<ModelInfo> model(String model);

    /** One version, or empty when the model or version does not exist (or was deleted). */
    Optional<ModelVersion> version(String model, int version);

    /**
     * The version served when a request names none: the production version, else the newest
     * version that is not archived; empty when the model is unknown or has no such version.
     */
    Optional<ModelVersion> resolve(String model);

    /**
     * Moves a version to {@code stage}. Promoting to {@link Stage#PRODUCTION} moves the model's
     * previous production version (if another) to {@link Stage#ARCHIVED}, in the same transaction,
     * so a model has at most one production version. Setting the stage a version already has
     * changes nothing.
     *
     * @return the version in its new stage
     * @throws RegistryException NOT_FOUND when the model or version does not exist
     */
    ModelVersion setStage(String model, int version, Stage stage);

    /**
     * Deletes a version: its row first, then its blob when no other version shares it. Its number
     * is never given again. A deleted production version leaves the model with none, so
     * {@link #resolve} falls back to the newest non-archived version.
     *
     * @throws RegistryException NOT_FOUND when the model or version does not exist
     */
    void delete(String model, int version);

    /**
     * The path of {@code version}'s model file, after checking that it exists and that its
     * SHA-256 matches the database (reads the whole file). Pass it to
     * {@link dev.saraf.io.ModelFile#load}. The file is read-only: never write or move it.
     *
     * @throws RegistryException CORRUPT when the blob is missing or its hash differs, naming model,
     *                           version and both hashes
     */
    Path blob(ModelVersion version);
}
