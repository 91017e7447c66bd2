package dev.saraf.serve.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a saraf home's {@code registry.lock}, which makes one process the owner
 * of the home's blobs. The operating system releases it when the process dies, kill -9 included.
 */
final class HomeLock implements AutoCloseable {
    /**
     * Lock files this JVM holds. A POSIX record lock belongs to the process, and closing any
     * channel on the file releases it, so a second open of a home in the same JVM must not even
     * open the file: this set, which mirrors that process-wide state, lets it stop before.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private HomeLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Takes the lock on {@code file} (created if absent), or returns null when another process or this JVM holds it. */
    static HomeLock tryAcquire(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException ignored) {
                // created concurrently: fine
            }
        }
        Path key = file.toRealPath();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new HomeLock(key, channel);
            }
            channel.close(); // safe: this JVM holds no lock on the file
            HELD.remove(key);
            return null;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD.remove(key);
            throw e;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing the descriptor releases the lock whatever close reports
        } finally {
            HELD.remove(file);
        }
    }
}
