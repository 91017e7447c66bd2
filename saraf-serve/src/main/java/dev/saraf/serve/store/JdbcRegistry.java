package dev.saraf.serve.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@link Registry} of a saraf home: {@code <home>/registry.db} (or a PostgreSQL database),
 * {@code <home>/blobs/} and {@code <home>/registry.lock}. The process that holds the lock file's
 * lock owns the blobs: it cleans up after crashes at startup and is the only one that registers
 * or deletes versions; others (e.g. {@code saraf token create} while a server runs) may read and
 * manage tokens.
 */
public final class JdbcRegistry implements Registry {
    private static final System.Logger LOG = System.getLogger(JdbcRegistry.class.getName());

    private final Database db;
    private final HomeLock lock;
    private final JdbcModelRegistry models;
    private final JdbcTokenStore tokens;

    private JdbcRegistry(Database db, HomeLock lock, JdbcModelRegistry models, JdbcTokenStore tokens) {
        this.db = db;
        this.lock = lock;
        this.models = models;
        this.tokens = tokens;
    }

    /** See {@link Registry#open}. */
    public static Registry open(Path home, String jdbcUrl) {
        Database db = null;
        HomeLock lock = null;
        try {
            Path dir = home.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            BlobStore blobs = new BlobStore(dir.resolve("blobs"));
            lock = HomeLock.tryAcquire(dir.resolve("registry.lock"));
            db = new Database(jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dir.resolve("registry.db"));
            Migrations.migrate(db);
            if (lock != null) {
                int removed = blobs.cleanup(referencedBlobs(db));
                if (removed > 0) {
                    LOG.log(System.Logger.Level.INFO, "registry: removed {0} file(s) left by an interrupted upload or delete", removed);
                }
            }
            // Whole numbers read back as Long, as dev.saraf.io.Json (and so Provenance) gives them.
            ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
            return new JdbcRegistry(db, lock, new JdbcModelRegistry(db, blobs, json, lock != null), new JdbcTokenStore(db));
        } catch (IOException | RuntimeException e) {
            if (db != null) {
                db.close();
            }
            if (lock != null) {
                lock.close();
            }
            if (e instanceof RegistryException r) {
                throw r;
            }
            throw new RegistryException(RegistryException.Kind.STORAGE, "cannot open the registry in " + home + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> referencedBlobs(Database db) {
        return db.read(c -> {
            Set<String> shas = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT sha256 FROM model_versions"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    shas.add(r.getString(1));
                }
            }
            return shas;
        });
    }

    @Override
    public ModelRegistry models() {
        return models;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    /** Whether this process owns the home's blobs (may register and delete versions). */
    public boolean ownsBlobs() {
        return lock != null;
    }

    @Override
    public void close() {
        db.close();
        if (lock != null) {
            lock.close();
        }
    }
}
