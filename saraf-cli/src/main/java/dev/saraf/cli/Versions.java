package dev.saraf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this saraf build, from a resource Maven fills in. */
final class Versions {
    private Versions() {}

    /** E.g. {@code "0.1.0-SNAPSHOT"}; {@code "unknown"} when run from unprocessed sources. */
    static String saraf() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
