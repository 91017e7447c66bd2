package dev.saraf.serve.registry;

import java.util.regex.Pattern;

/**
 * The rule for model names: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, starting with a
 * letter or digit (so never {@code .} or {@code ..}). Names are only ever database keys: no file
 * path is built from them (blobs are addressed by content hash).
 */
public final class ModelNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ModelNames() {}

    /** True when {@code name} is a valid model name. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns {@code name} when valid.
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#INVALID} saying what is allowed
     */
    public static String check(String name) {
        if (!isValid(name)) {
            String shown = name == null ? "null" : "\"" + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "\"";
            throw new RegistryException(RegistryException.Kind.INVALID, "model name " + shown.replaceAll("\\p{Cntrl}", "?")
                    + " is invalid: use 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
        return name;
    }
}
