package dev.saraf.serve.registry;

import java.util.List;
import java.util.Optional;

/**
 * API tokens for the management endpoints ({@code Authorization: Bearer <token>}). A token is
 * {@code "saraf_"} followed by 32 random bytes ({@link java.security.SecureRandom}) in base64url
 * without padding; the store keeps only its SHA-256, so a leaked database reveals no token.
 * Thread-safe.
 */
public interface TokenStore {

    /** The prefix of every token, so that secret scanners and people recognise them. */
    String PREFIX = "saraf_";

    /**
     * Creates a token and returns it: the only time the plain token is ever available.
     *
     * @param label what it is for (1 to 100 printable characters)
     * @throws RegistryException INVALID for a bad label
     */
    String create(String label);

    /**
     * The token's record when {@code token} is a live token, else empty (also for null, malformed
     * or revoked tokens). The stored hash is compared in constant time.
     */
    Optional<TokenInfo> verify(String token);

    /** Every live token, oldest first (ids and labels only). */
    List<TokenInfo> list();

    /** Revokes the token with {@code id}; false when there is none. */
    boolean revoke(String id);
}
