package dev.saraf.serve.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saraf.serve.registry.RegistryException;
import dev.saraf.serve.registry.TokenInfo;
import dev.saraf.serve.registry.TokenStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API tokens: shown once, stored hashed, verified, listed and revoked; on SQLite and PostgreSQL. */
abstract class TokenStoreContractTest extends RegistryTestBase {

    @Test
    void aCreatedTokenVerifiesUntilRevoked() {
        TokenStore tokens = registry.tokens();
        String token = tokens.create("ci");
        assertThat(token).startsWith("saraf_").hasSize(6 + 43).matches("saraf_[A-Za-z0-9_-]{43}");
        assertThat(tokens.create("ci")).isNotEqualTo(token);

        TokenInfo info = tokens.verify(token).orElseThrow();
        assertThat(info.label()).isEqualTo("ci");
        assertThat(tokens.list()).extracting(TokenInfo::label).containsExactly("ci", "ci");

        reopen();
        tokens = registry.tokens();
        assertThat(tokens.verify(token)).contains(info);
        assertThat(tokens.revoke(info.id())).isTrue();
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.revoke(info.id())).isFalse();
        assertThat(tokens.list()).hasSize(1);
    }

    @Test
    void wrongTokensDoNotVerify() {
        TokenStore tokens = registry.tokens();
        String token = tokens.create("alice");
        char last = token.charAt(token.length() - 1);
        List<String> wrong = new ArrayList<>(List.of("", "saraf_", token.substring(6), token + "A", token.substring(0, token.length() - 1),
                token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), "Bearer " + token, token.toUpperCase()));
        wrong.add(null);
        for (String w : wrong) {
            assertThat(tokens.verify(w)).as("%s", w).isEmpty();
        }
        assertThat(tokens.verify(token)).isPresent();
    }

    @Test
    void onlyTheHashIsStored() throws Exception {
        String token = registry.tokens().create("bob");
        String hash = HexFormat.of().formatHex(BlobStore.sha256().digest(token.getBytes(StandardCharsets.US_ASCII)));
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + home.resolve("registry.db");
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM api_tokens")) {
            while (r.next()) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    values.add(r.getString(i));
                }
            }
        }
        assertThat(values).contains(hash, "bob", hash.substring(0, 12));
        assertThat(values).noneMatch(v -> v.contains(token.substring(6, 20)));
    }

    @Test
    void revokeAndCreateCheckTheirArguments() {
        TokenStore tokens = registry.tokens();
        assertThat(tokens.revoke(null)).isFalse();
        assertThat(tokens.revoke("' OR '1'='1")).isFalse();
        assertThat(tokens.revoke("0123456789ab")).isFalse();
        for (String label : new String[] {null, "", "  ", "x".repeat(101), "a\nb"}) {
            assertThatThrownBy(() -> tokens.create(label)).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.INVALID));
        }
        assertThat(tokens.list()).isEmpty();
    }
}
