package dev.saraf.serve.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A model with all its versions, from {@link ModelRegistry#model(String)}.
 *
 * @param name     the model's name
 * @param created  when its first version was registered
 * @param versions its versions, oldest (lowest number) first; may be empty after deletes
 */
public record ModelInfo(String name, Instant created, List<ModelVersion> versions) {
    /** Copies the list (read-only). */
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        versions = List.copyOf(versions);
    }
}
