package dev.saraf.serve.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.io.LoadedModel;
import dev.saraf.io.ModelFile;
import dev.saraf.serve.registry.ModelInfo;
import dev.saraf.serve.registry.ModelNames;
import dev.saraf.serve.registry.ModelRegistry;
import dev.saraf.serve.registry.ModelSignature;
import dev.saraf.serve.registry.ModelSummary;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.RegistryException.Kind;
import dev.saraf.serve.registry.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ModelRegistry} over a {@link Database} and a {@link BlobStore}.
 *
 * <p>Order of writes, which makes a crash at any moment harmless: a blob is made durable at its
 * final path before the row that refers to it is committed, and a row is deleted (committed)
 * before its blob is unlinked. So a crash leaves at worst a blob no row refers to, which the next
 * start removes; never a row without its blob. Within the process, {@code blobLock} keeps a
 * delete from unlinking a blob that a concurrent registration of the same bytes is about to use.
 */
final class JdbcModelRegistry implements ModelRegistry {
    private static final String COLUMNS = "model, version, stage, created_at, created_by, sha256, size_bytes, metrics, "
            + "provenance, architecture, extra, signature";
    private static final int MAX_CREATED_BY = 200;

    private final Database db;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final boolean ownsBlobs;
    private final ReentrantLock blobLock = new ReentrantLock();

    /**
     * @param ownsBlobs whether this process holds the home's lock; without it the registry is read-only
     */
    JdbcModelRegistry(Database db, BlobStore blobs, ObjectMapper json, boolean ownsBlobs) {
        this.db = db;
        this.blobs = blobs;
        this.json = json;
        this.ownsBlobs = ownsBlobs;
    }

    @Override
    public ModelVersion register(String model, Path modelFile, String createdBy) {
        ModelNames.check(model);
        try (InputStream in = Files.newInputStream(modelFile)) {
            return register(model, in, createdBy);
        } catch (NoSuchFileException e) {
            throw new RegistryException(Kind.INVALID, "model file " + modelFile + " does not exist", e);
        } catch (IOException e) {
            throw new RegistryException(Kind.STORAGE, "reading model file " + modelFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelVersion register(String model, InputStream modelFile, String createdBy) {
        ModelNames.check(model);
        Objects.requireNonNull(modelFile, "modelFile");
        String by = checkCreatedBy(createdBy);
        requireOwner("register a model version");
        BlobStore.Staged staged;
        try {
            staged = blobs.stage(modelFile);
        } catch (IOException e) {
            throw new RegistryException(Kind.STORAGE, "model " + model + ": storing the upload failed: " + e.getMessage(), e);
        }
        try {
            ModelFileFacts facts = ModelFileFacts.of(validate(staged), json);
            blobLock.lock();
            try {
                blobs.commit(staged);
                try {
                    return db.transaction(c -> insertVersion(c, model, by, staged, facts));
                } catch (RuntimeException e) {
                    deleteIfUnreferenced(staged.sha256(), e);
                    throw e;
                }
            } finally {
                blobLock.unlock();
            }
        } catch (IOException e) {
            throw new RegistryException(Kind.STORAGE, "model " + model + ": storing the blob failed: " + e.getMessage(), e);
        } finally {
            blobs.discard(staged); // a no-op once committed
        }
    }

    /** Loads the staged file in full; any failure means the upload is not a usable saraf model. */
    private LoadedModel validate(BlobStore.Staged staged) {
        try {
            ArchitectureBudget.check(staged.tmp(), json);
            return ModelFile.load(staged.tmp());
        } catch (IOException | RuntimeException e) {
            // The message starts with the temporary path, which means nothing to the uploader.
            String message = String.valueOf(e.getMessage()).replace(staged.tmp().toString(), "model file");
            throw new RegistryException(Kind.INVALID, message.startsWith("model file") ? message : "model file: " + message, e);
        } catch (OutOfMemoryError e) {
            throw new RegistryException(Kind.INVALID, "model file: its architecture needs more memory than this server has", e);
        }
    }

    private ModelVersion insertVersion(Connection c, String model, String by, BlobStore.Staged staged, ModelFileFacts facts)
            throws SQLException {
        long now = System.currentTimeMillis();
        update(c, "INSERT INTO models (name, created_at, next_version) VALUES (?, ?, 1) ON CONFLICT (name) DO NOTHING", model, now);
        update(c, "UPDATE models SET next_version = next_version + 1 WHERE name = ?", model); // locks the model's row
        int version;
        try (PreparedStatement p = c.prepareStatement("SELECT next_version FROM models WHERE name = ?")) {
            p.setString(1, model);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                version = r.getInt(1) - 1;
            }
        }
        update(c, "INSERT INTO model_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", model, version,
                Stage.STAGING.wireName(), now, by, staged.sha256(), staged.size(), write(facts.metrics()),
                write(facts.provenance()), write(facts.architecture()), write(facts.extra()), write(facts.signature()));
        // Read back, so that the caller gets exactly what later reads return (numbers as JSON gives them back).
        return first(versions(c, "SELECT " + COLUMNS + " FROM model_versions WHERE model = ? AND version = ?", model, version))
                .orElseThrow();
    }

    @Override
    public List<ModelSummary> listModels() {
        List<ModelSummary> out = db.read(c -> {
            List<ModelSummary> list = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT m.name, m.created_at, COUNT(v.version), MAX(v.version), "
                    + "MAX(CASE WHEN v.stage = 'production' THEN v.version END), "
                    + "MAX(CASE WHEN v.stage <> 'archived' THEN v.version END) "
                    + "FROM models m LEFT JOIN model_versions v ON v.model = m.name GROUP BY m.name, m.created_at");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Integer production = intOrNull(r, 5);
                    list.add(new ModelSummary(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getInt(3), intOrNull(r, 4),
                            production, production != null ? production : intOrNull(r, 6)));
                }
            }
            return list;
        });
        out.sort(Comparator.comparing(ModelSummary::name)); // the same order on both databases, whatever their collation
        return out;
    }

    @Override
    public Optional<ModelInfo> model(String model) {
        ModelNames.check(model);
        return db.read(c -> {
            Instant created;
            try (PreparedStatement p = c.prepareStatement("SELECT created_at FROM models WHERE name = ?")) {
                p.setString(1, model);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    created = Instant.ofEpochMilli(r.getLong(1));
                }
            }
            return Optional.of(new ModelInfo(model, created,
                    versions(c, "SELECT " + COLUMNS + " FROM model_versions WHERE model = ? ORDER BY version", model)));
        });
    }

    @Override
    public Optional<ModelVersion> version(String model, int version) {
        ModelNames.check(model);
        return db.read(c -> first(versions(c, "SELECT " + COLUMNS + " FROM model_versions WHERE model = ? AND version = ?",
                model, version)));
    }

    @Override
    public Optional<ModelVersion> resolve(String model) {
        ModelNames.check(model);
        return db.read(c -> first(versions(c, "SELECT " + COLUMNS + " FROM model_versions WHERE model = ? AND stage <> 'archived' "
                + "ORDER BY CASE WHEN stage = 'production' THEN 0 ELSE 1 END, version DESC LIMIT 1", model)));
    }

    @Override
    public ModelVersion setStage(String model, int version, Stage stage) {
        ModelNames.check(model);
        Objects.requireNonNull(stage, "stage");
        return db.transaction(c -> {
            lockModel(c, model);
            ModelVersion current = first(versions(c, "SELECT " + COLUMNS + " FROM model_versions WHERE model = ? AND version = ?",
                    model, version)).orElseThrow(() -> notFound(model, version));
            if (current.stage() == stage) {
                return current;
            }
            if (stage == Stage.PRODUCTION) {
                update(c, "UPDATE model_versions SET stage = 'archived' WHERE model = ? AND stage = 'production' AND version <> ?",
                        model, version);
            }
            update(c, "UPDATE model_versions SET stage = ? WHERE model = ? AND version = ?", stage.wireName(), model, version);
            return current.withStage(stage);
        });
    }

    @Override
    public void delete(String model, int version) {
        ModelNames.check(model);
        requireOwner("delete a model version");
        blobLock.lock();
        try {
            record Deleted(String sha256, boolean shared) {}
            Deleted d = db.transaction(c -> {
                lockModel(c, model);
                String sha;
                try (PreparedStatement p = c.prepareStatement("SELECT sha256 FROM model_versions WHERE model = ? AND version = ?")) {
                    p.setString(1, model);
                    p.setInt(2, version);
                    try (ResultSet r = p.executeQuery()) {
                        if (!r.next()) {
                            throw notFound(model, version);
                        }
                        sha = r.getString(1);
                    }
                }
                update(c, "DELETE FROM model_versions WHERE model = ? AND version = ?", model, version);
                return new Deleted(sha, isReferenced(c, sha));
            });
            if (!d.shared()) {
                try {
                    blobs.delete(d.sha256());
                } catch (IOException e) {
                    // the row is gone, which is what the caller asked; the next start removes the orphan blob
                }
            }
        } finally {
            blobLock.unlock();
        }
    }

    @Override
    public Path blob(ModelVersion version) {
        return blobs.verified(version.sha256(), version.sizeBytes(), "model " + version.model() + " version " + version.version());
    }

    /** Takes the model's row lock (serialising writers per model on PostgreSQL), or reports NOT_FOUND. */
    private static void lockModel(Connection c, String model) throws SQLException {
        if (update(c, "UPDATE models SET next_version = next_version WHERE name = ?", model) == 0) {
            throw new RegistryException(Kind.NOT_FOUND, "model " + model + " does not exist");
        }
    }

    private void deleteIfUnreferenced(String sha256, RuntimeException cause) {
        try {
            if (!db.read(c -> isReferenced(c, sha256))) {
                blobs.delete(sha256);
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e); // left for the cleanup at the next start
        }
    }

    private static boolean isReferenced(Connection c, String sha256) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM model_versions WHERE sha256 = ? LIMIT 1")) {
            p.setString(1, sha256);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private List<ModelVersion> versions(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            List<ModelVersion> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        }
    }

    private ModelVersion row(ResultSet r) throws SQLException {
        return new ModelVersion(r.getString(1), r.getInt(2), Stage.parse(r.getString(3)), Instant.ofEpochMilli(r.getLong(4)),
                r.getString(5), r.getString(6), r.getLong(7), read(r.getString(8), new TypeReference<Map<String, Double>>() {}),
                read(r.getString(9), new TypeReference<Map<String, Object>>() {}),
                read(r.getString(10), new TypeReference<Map<String, Object>>() {}),
                read(r.getString(11), new TypeReference<Map<String, String>>() {}),
                read(r.getString(12), new TypeReference<ModelSignature>() {}));
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case null -> p.setNull(i + 1, java.sql.Types.VARCHAR);
                case String s -> p.setString(i + 1, s);
                case Integer n -> p.setInt(i + 1, n);
                case Long n -> p.setLong(i + 1, n);
                default -> throw new IllegalArgumentException("cannot bind " + args[i].getClass());
            }
        }
    }

    private static Integer intOrNull(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new RegistryException(Kind.INVALID, "model file: metadata cannot be stored as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new RegistryException(Kind.STORAGE, "registry database: a stored JSON column is malformed: " + e.getOriginalMessage(), e);
        }
    }

    private void requireOwner(String action) {
        if (!ownsBlobs) {
            throw new RegistryException(Kind.STORAGE, "cannot " + action + ": the saraf home " + blobs.root().getParent()
                    + " is locked by another process (one process writes models per home)");
        }
    }

    private static String checkCreatedBy(String createdBy) {
        if (createdBy != null && (createdBy.length() > MAX_CREATED_BY || createdBy.chars().anyMatch(Character::isISOControl))) {
            throw new RegistryException(Kind.INVALID, "createdBy must be at most " + MAX_CREATED_BY + " printable characters");
        }
        return createdBy;
    }

    private static RegistryException notFound(String model, int version) {
        return new RegistryException(Kind.NOT_FOUND, "model " + model + " has no version " + version);
    }
}
