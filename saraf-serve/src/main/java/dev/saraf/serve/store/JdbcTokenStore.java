package dev.saraf.serve.store;

import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.TokenInfo;
import dev.saraf.serve.registry.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link TokenStore} over the registry database's {@code api_tokens} table. A row holds the
 * token's SHA-256 (hex), its id (the hash's first 12 hex digits, so a lookup never compares
 * secrets in the database), a label and the creation time. Verification finds the row by id and
 * compares the full hash with {@link MessageDigest#isEqual}, in constant time.
 */
final class JdbcTokenStore implements TokenStore {
    private static final int TOKEN_BYTES = 32;
    private static final int ID_LENGTH = 12;
    private static final int MAX_LABEL = 100;
    /** 32 bytes in base64url without padding are 43 characters. */
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");

    private final Database db;
    private final SecureRandom random = new SecureRandom();

    JdbcTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public String create(String label) {
        if (label == null || label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryException(RegistryException.Kind.INVALID, "token label must be 1 to " + MAX_LABEL + " printable characters");
        }
        while (true) {
            byte[] secret = new byte[TOKEN_BYTES];
            random.nextBytes(secret);
            String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            String hash = hash(token);
            String id = hash.substring(0, ID_LENGTH);
            boolean inserted = db.transaction(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO api_tokens (id, hash, label, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
                    p.setString(1, id);
                    p.setString(2, hash);
                    p.setString(3, label.strip());
                    p.setLong(4, System.currentTimeMillis());
                    return p.executeUpdate() == 1;
                }
            });
            if (inserted) {
                return token;
            }
            // an id collision (1 in 2^48 per existing token): draw another token
        }
    }

    @Override
    public Optional<TokenInfo> verify(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        byte[] hash = hash(token).getBytes(StandardCharsets.US_ASCII);
        String id = new String(hash, 0, ID_LENGTH, StandardCharsets.US_ASCII);
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT hash, label, created_at FROM api_tokens WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && MessageDigest.isEqual(hash, r.getString(1).getBytes(StandardCharsets.US_ASCII))) {
                        return Optional.of(new TokenInfo(id, r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    @Override
    public List<TokenInfo> list() {
        return db.read(c -> {
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, label, created_at FROM api_tokens ORDER BY created_at, id");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new TokenInfo(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            }
            return out;
        });
    }

    @Override
    public boolean revoke(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM api_tokens WHERE id = ?")) {
                p.setString(1, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(BlobStore.sha256().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
