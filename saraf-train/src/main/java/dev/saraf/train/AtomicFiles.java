package dev.saraf.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files through a temporary file in the same directory that is renamed into place, so that
 * readers never see half a file and a crash leaves the old file intact.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content to the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code file}. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** Has {@code content} write a temporary file beside {@code file}, then renames it to {@code file}. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
