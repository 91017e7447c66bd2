package dev.saraf.serve.jobs;

import dev.saraf.data.CsvDataset;
import dev.saraf.data.DataException;
import dev.saraf.data.ImageFolder;
import dev.saraf.data.Splits;
import dev.saraf.data.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Uploaded training data, stored like model blobs: under {@code <home>/datasets/<id>/}, where the id
 * is the first 24 hex digits of the upload's SHA-256 (the same upload twice is one data set), written
 * to a temporary folder, validated in full, then renamed into place, so a data set is either
 * complete or absent.
 *
 * <ul>
 *   <li>CSV: a header and numeric feature columns (the label column may hold any text), read with
 *       {@link CsvDataset} as the job will read it.</li>
 *   <li>Zip of an image folder: one folder per class of PNG, JPEG, GIF or BMP images (optionally
 *       inside one top folder), checked with {@link ImageFolder}. Extraction refuses entries that
 *       would land outside the data set's folder (zip slip: {@code ..}, absolute names, links), more
 *       than {@link #MAX_ENTRIES} entries and more than {@code maxExpandedBytes} expanded bytes in all,
 *       counted while inflating (zip bombs), whatever the entries' headers claim.</li>
 * </ul>
 */
public final class DatasetStore {
    /** The most files a zip may hold. */
    static final int MAX_ENTRIES = 200_000;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern IMAGE = Pattern.compile("(?i).+\\.(png|jpe?g|gif|bmp)");

    private final Path root;
    private final long maxUploadBytes;
    private final long maxExpandedBytes;

    /**
     * A store under {@code root}.
     *
     * @param maxUploadBytes   the largest upload accepted
     * @param maxExpandedBytes the most bytes a zip may expand to
     */
    public DatasetStore(Path root, long maxUploadBytes, long maxExpandedBytes) {
        this.root = root;
        this.maxUploadBytes = maxUploadBytes;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** The largest upload accepted, in bytes. */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Stores an upload of {@code kind} ({@code csv} or {@code zip}) read from {@code body}.
     *
     * @return the data set's description ({@code id}, {@code kind}, {@code examples}, {@code classes} ...)
     * @throws IllegalArgumentException when the upload is too large or not a valid data set (saying why)
     */
    public Map<String, Object> upload(String kind, InputStream body) throws IOException {
        if (!kind.equals("csv") && !kind.equals("zip")) {
            throw new IllegalArgumentException("kind must be csv or zip, got " + clip(kind));
        }
        Files.createDirectories(root);
        Path tmp = Files.createTempDirectory(root, ".upload-");
        try {
            Path raw = tmp.resolve(kind.equals("csv") ? "data.csv" : "upload.zip");
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(raw)) {
                size = copyAtMost(in, out, maxUploadBytes, "the upload");
            }
            if (size == 0) {
                throw new IllegalArgumentException("the upload is empty");
            }
            String id = HexFormat.of().formatHex(sha.digest()).substring(0, 24);
            Path target = root.resolve(id);
            if (Files.isDirectory(target)) {
                return describe(id);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("id", id);
            meta.put("kind", kind);
            meta.put("bytes", size);
            if (kind.equals("zip")) {
                Path images = tmp.resolve("images");
                unzip(raw, images);
                Files.delete(raw);
                Splits s = validate(() -> ImageFolder.load(imageRoot(images), 1, 28, 28, 0, 0));
                meta.put("examples", s.train().size());
                meta.put("classes", s.train().classNames());
            } else {
                Splits s = validate(() -> CsvDataset.load(raw, lastColumn(raw), Task.CLASSIFICATION, 0, 0));
                meta.put("examples", s.train().size());
                meta.put("columns", s.preprocessing().toMap().get("feature_names"));
            }
            meta.put("data", "dataset:" + id);
            Files.writeString(tmp.resolve("meta.json"), dev.saraf.io.Json.write(meta));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // the same upload arrived twice at once: the other one is complete
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return describe(id);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Every stored data set's description. */
    public List<Map<String, Object>> list() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                String name = d.getFileName().toString();
                if (ID.matcher(name).matches() && Files.isRegularFile(d.resolve("meta.json"))) {
                    out.add(describe(name));
                }
            }
        }
        return out;
    }

    /** The description of data set {@code id}. */
    Map<String, Object> describe(String id) throws IOException {
        return dev.saraf.io.Json.parseObject(Files.readString(root.resolve(id).resolve("meta.json")));
    }

    /** The training and validation splits of a job's uploaded data set. */
    Splits splits(JobSpec spec) {
        String id = spec.datasetId();
        Path dir = root.resolve(id);
        if (!ID.matcher(id).matches() || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no uploaded data set " + clip(id) + " (upload one with POST /api/datasets)");
        }
        Path csv = dir.resolve("data.csv");
        if (Files.isRegularFile(csv)) {
            String label = spec.label() != null ? spec.label() : lastColumn(csv);
            Task task = spec.task().equals("regression") ? Task.REGRESSION : Task.CLASSIFICATION;
            return CsvDataset.load(csv, label, task, spec.validationSplit(), spec.seed());
        }
        return ImageFolder.load(imageRoot(dir.resolve("images")), spec.channels(), spec.imageSize(), spec.imageSize(),
                spec.validationSplit(), spec.seed());
    }

    private static Splits validate(java.util.function.Supplier<Splits> load) {
        try {
            return load.get();
        } catch (DataException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid data set: " + e.getMessage(), e);
        }
    }

    /** The class folders' parent: the folder itself, or its single top folder when a zip wrapped them in one. */
    private static Path imageRoot(Path images) {
        try (var entries = Files.list(images)) {
            List<Path> all = entries.toList();
            if (all.size() == 1 && Files.isDirectory(all.getFirst())) {
                try (var inner = Files.list(all.getFirst())) {
                    if (inner.anyMatch(Files::isDirectory)) {
                        return all.getFirst();
                    }
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastColumn(Path csv) {
        try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            String header = lines.findFirst().orElseThrow(() -> new IllegalArgumentException("the CSV file is empty"));
            String[] cols = header.split(",", -1);
            return cols[cols.length - 1].strip().replaceAll("^\"|\"$", "");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the CSV header: " + e.getMessage(), e);
        }
    }

    /** Extracts {@code zip} into {@code dir}, refusing zip slips, too many entries and too many expanded bytes. */
    void unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path base = dir.toRealPath();
        long expanded = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("the zip holds more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../") || name.equals("..") || name.endsWith("/..")
                        || name.contains(":") || name.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("the zip entry \"" + clip(name) + "\" would be written outside the data set");
                }
                Path target = base.resolve(name).normalize();
                if (!target.startsWith(base)) {
                    throw new IllegalArgumentException("the zip entry \"" + clip(name) + "\" would be written outside the data set");
                }
                String file = target.getFileName() == null ? "" : target.getFileName().toString();
                if (e.isDirectory() || file.startsWith(".") || name.startsWith("__MACOSX/") || !IMAGE.matcher(file).matches()) {
                    continue; // folders are made for their files; anything but images is skipped
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    expanded += copyAtMost(in, out, maxExpandedBytes - expanded, "the zip's expanded contents");
                } catch (FileAlreadyExistsException dup) {
                    throw new IllegalArgumentException("the zip holds \"" + clip(name) + "\" twice");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("not a valid zip file: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new IllegalArgumentException("not a zip file, or an empty one");
        }
    }

    private static long copyAtMost(InputStream in, OutputStream out, long limit, String what) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new IllegalArgumentException(what + " is larger than the limit");
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String clip(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?").toLowerCase(Locale.ROOT).isEmpty() ? "?" : t.replaceAll("\\p{Cntrl}", "?");
    }
}
