package dev.saraf.serve.store;

import dev.saraf.serve.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Model files on disk, addressed by their SHA-256: {@code <root>/sha256/ab/abcdef...} (the first
 * two hex digits as a fan-out directory). A file is written to {@code <root>/tmp/}, forced to
 * disk, then renamed into place atomically (same file system) and the directory forced, so a
 * blob path holds a complete file or nothing. Identical contents share one path. No path is
 * ever built from anything but a hash this class computed or checked.
 */
final class BlobStore {

    /** A file written to the temporary directory and hashed, not yet in place. */
    record Staged(Path tmp, String sha256, long size) {}

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path tmpDir;
    private final Path shaDir;

    BlobStore(Path root) throws IOException {
        this.root = root;
        this.tmpDir = root.resolve("tmp");
        this.shaDir = root.resolve("sha256");
        Files.createDirectories(tmpDir);
        Files.createDirectories(shaDir);
    }

    Path root() {
        return root;
    }

    /** Copies {@code in} to a new temporary file while hashing it, and forces it to disk. */
    Staged stage(InputStream in) throws IOException {
        Path tmp = Files.createTempFile(tmpDir, "upload-", ".tmp");
        try {
            MessageDigest digest = sha256();
            long size;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                size = new DigestInputStream(in, digest).transferTo(out);
                ch.force(true);
            }
            return new Staged(tmp, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Moves a staged file to its content address (replacing an existing blob of the same hash,
     * which heals one damaged outside saraf) and forces the directory, so that the blob is durable
     * before any database row refers to it.
     */
    Path commit(Staged staged) throws IOException {
        Path target = path(staged.sha256());
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
            forceDirectory(shaDir); // the new fan-out directory's entry, too, must survive a power loss
        }
        try {
            Files.move(staged.tmp(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory " + root + " does not support atomic renames", e);
        }
        forceDirectory(target.getParent());
        return target;
    }

    /** Deletes a staged file that will not be committed. */
    void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.tmp());
        } catch (IOException ignored) {
            // left for the cleanup at the next start
        }
    }

    /** The path of the blob with {@code sha256} (which must be 64 lowercase hex digits). */
    Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return shaDir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * The blob's path after checking that it exists, has {@code size} bytes and hashes to {@code sha256}.
     *
     * @param what names the version in errors, e.g. {@code "model mnist version 3"}
     * @throws RegistryException CORRUPT otherwise
     */
    Path verified(String sha256, long size, String what) {
        Path p = path(sha256);
        String found;
        long actual;
        try {
            actual = Files.size(p);
            found = hash(p);
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, what + ": its model file (blob sha256:" + sha256
                    + ") is missing from the blob store; delete the version or restore the file");
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.STORAGE, what + ": cannot read blob sha256:" + sha256 + ": " + e, e);
        }
        if (!found.equals(sha256) || actual != size) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, what + ": its model file (blob sha256:" + sha256
                    + ") is corrupted: it now has " + actual + " bytes (expected " + size + ") hashing to sha256:" + found
                    + "; delete the version or register the file again");
        }
        return p;
    }

    /** Deletes the blob with {@code sha256}, if present. */
    void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    /** The hashes of every blob present (files with other names are reported by {@link #strays}). */
    List<String> list() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files()) {
            String name = f.getFileName().toString();
            if (isBlobName(f, name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Removes what a crash can leave behind: every temporary file, and every blob whose hash is
     * not in {@code referenced} (written before a crash that came before its database commit, or
     * left after a delete's commit). Only the process holding the home's lock may call this.
     *
     * @return how many files were removed
     */
    int cleanup(Set<String> referenced) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(tmpDir)) {
            for (Path t : tmps) {
                removed += Files.deleteIfExists(t) ? 1 : 0;
            }
        }
        for (Path f : files()) {
            String name = f.getFileName().toString();
            if (!isBlobName(f, name) || !referenced.contains(name)) {
                removed += Files.deleteIfExists(f) ? 1 : 0;
            }
        }
        return removed;
    }

    private boolean isBlobName(Path f, String name) {
        return SHA256.matcher(name).matches() && f.getParent().getFileName().toString().equals(name.substring(0, 2));
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> fanout = Files.newDirectoryStream(shaDir)) {
            for (Path d : fanout) {
                if (Files.isDirectory(d)) {
                    try (DirectoryStream<Path> blobs = Files.newDirectoryStream(d)) {
                        blobs.forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** The SHA-256 of a file, as 64 lowercase hex digits. */
    static String hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Forces a directory's entries to disk, so that a rename in it survives a power loss. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
