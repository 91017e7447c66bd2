package dev.saraf.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the directory that holds a named IDX data set ({@code mnist}, {@code fashion-mnist}).
 * Search order: an explicit directory (if given, the only place looked at), then
 * {@code $SARAF_DATA/<name>}, then {@code ~/.saraf/datasets/<name>}, then
 * {@code /usr/share/datasets/<name>} (where Debian's {@code dataset-fashion-mnist} installs).
 * A directory holds the data set when it has the four files {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
 * each raw or with {@code .gz}.
 *
 * <p>The roots are constructor parameters so tests use temporary directories instead of the
 * environment; {@link #system()} reads the real ones.
 */
public final class DatasetLocator {
    /** The four IDX files of an MNIST-style data set, without the optional {@code .gz}. */
    public static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private final Path sarafData;
    private final Path userDatasets;
    private final Path systemDatasets;

    /** Where a data set was found. {@code source} says which rule found it, e.g. {@code "$SARAF_DATA"}. */
    public record Location(String name, Path dir, String source) {}

    /**
     * @param sarafData      the value of {@code $SARAF_DATA}, or null when unset
     * @param userDatasets   the per-user cache root, normally {@code ~/.saraf/datasets}
     * @param systemDatasets the system root, normally {@code /usr/share/datasets}
     */
    public DatasetLocator(Path sarafData, Path userDatasets, Path systemDatasets) {
        this.sarafData = sarafData;
        this.userDatasets = userDatasets;
        this.systemDatasets = systemDatasets;
    }

    /** The locator of this machine: {@code $SARAF_DATA}, {@code ~/.saraf/datasets}, {@code /usr/share/datasets}. */
    public static DatasetLocator system() {
        String env = System.getenv("SARAF_DATA");
        Path sarafData = env == null || env.isBlank() ? null : Path.of(env);
        return new DatasetLocator(sarafData, Path.of(System.getProperty("user.home"), ".saraf", "datasets"),
                Path.of("/usr/share/datasets"));
    }

    /** Where a download of {@code name} goes: {@code $SARAF_DATA/<name>} if set, else {@code ~/.saraf/datasets/<name>}. */
    public Path cacheDir(String name) {
        return (sarafData != null ? sarafData : userDatasets).resolve(name);
    }

    /** The places searched for {@code name}, in order, each with the rule's name. */
    public List<Location> candidates(String name) {
        List<Location> c = new ArrayList<>();
        if (sarafData != null) {
            c.add(new Location(name, sarafData.resolve(name), "$SARAF_DATA"));
        }
        c.add(new Location(name, userDatasets.resolve(name), "user cache"));
        c.add(new Location(name, systemDatasets.resolve(name), "system package"));
        return c;
    }

    /**
     * The first place that holds all four files of {@code name}.
     *
     * @param explicitDir a directory the user named, or null; when given it is the only place
     *                    searched, and a directory without the files is an error rather than a miss
     * @throws DataException if {@code explicitDir} lacks some of the files (they are listed)
     */
    public Optional<Location> find(String name, Path explicitDir) {
        if (explicitDir != null) {
            List<String> missing = missing(explicitDir);
            if (!missing.isEmpty()) {
                throw new DataException(explicitDir + ": no " + name + " files here; missing "
                        + String.join(", ", missing.stream().map(f -> f + "[.gz]").toList()));
            }
            return Optional.of(new Location(name, explicitDir, "explicit directory"));
        }
        for (Location l : candidates(name)) {
            if (missing(l.dir()).isEmpty()) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The file {@code base} or {@code base.gz} in {@code dir}, preferring the raw one; null if neither exists. */
    static Path file(Path dir, String base) {
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(base + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static List<String> missing(Path dir) {
        List<String> m = new ArrayList<>();
        for (String f : IDX_FILES) {
            if (file(dir, f) == null) {
                m.add(f);
            }
        }
        return m;
    }
}
