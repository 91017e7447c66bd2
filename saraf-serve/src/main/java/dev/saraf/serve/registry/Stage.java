package dev.saraf.serve.registry;

import java.util.Locale;

/**
 * The life-cycle stage of a model version, as in MLflow's model registry.
 *
 * <ul>
 *   <li>{@link #STAGING}: every new version starts here; served when named, and by default while
 *       the model has no production version and it is the newest non-archived one;</li>
 *   <li>{@link #PRODUCTION}: at most one version per model; promoting a version archives the
 *       previous production version (MLflow's {@code archive_existing_versions=true});</li>
 *   <li>{@link #ARCHIVED}: kept and still served when named by its number, never chosen by default.</li>
 * </ul>
 */
public enum Stage {
    /** A new version, under evaluation. */
    STAGING,
    /** The version served when a request names no version; at most one per model. */
    PRODUCTION,
    /** Retired: never served by default. */
    ARCHIVED;

    /** The name used on the wire and in the database: {@code "staging"}, {@code "production"}, {@code "archived"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#INVALID} naming the accepted values
     */
    public static Stage parse(String name) {
        if (name != null) {
            for (Stage s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
        }
        throw new RegistryException(RegistryException.Kind.INVALID,
                "stage: \"" + name + "\" is not one of staging, production, archived");
    }
}
