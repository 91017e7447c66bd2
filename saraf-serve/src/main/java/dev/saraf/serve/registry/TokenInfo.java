package dev.saraf.serve.registry;

import java.time.Instant;

/**
 * An API token as the registry knows it: never the token itself, which is stored only as a SHA-256 hash.
 *
 * @param id      a short public identifier (the first 12 hex digits of the token's hash), to revoke it by
 * @param label   what the token is for, as given at creation (e.g. {@code "ci"}, {@code "alice"})
 * @param created when it was created
 */
public record TokenInfo(String id, String label, Instant created) {}
