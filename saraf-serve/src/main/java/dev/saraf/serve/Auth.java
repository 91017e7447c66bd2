package dev.saraf.serve;

import dev.saraf.serve.registry.TokenInfo;
import dev.saraf.serve.registry.TokenStore;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the token store (which keeps only hashes
 * and compares in constant time). A missing or unknown token is 401 with a {@code WWW-Authenticate}
 * challenge (RFC 6750); the error never says whether a token exists.
 */
final class Auth {
    private static final int MAX_HEADER = 512;

    private final TokenStore tokens;

    Auth(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The caller's token record, or 401. */
    TokenInfo require(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(ctx, "this endpoint needs an API token: send \"Authorization: Bearer <token>\" "
                    + "(create one with 'saraf token create')");
        }
        if (header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized(ctx, "the Authorization header must be \"Bearer <token>\"");
        }
        Optional<TokenInfo> info = tokens.verify(header.substring(7).strip());
        return info.orElseThrow(() -> unauthorized(ctx, "the API token is not valid"));
    }

    private static ApiException unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"saraf\"");
        return new ApiException(401, message);
    }
}
