package dev.saraf.serve.store;

/** The token store contract on PostgreSQL (skipped unless {@code SARAF_TEST_PG_URL} is set). */
class PostgresTokenStoreTest extends TokenStoreContractTest {
    @Override
    boolean postgres() {
        return true;
    }
}
