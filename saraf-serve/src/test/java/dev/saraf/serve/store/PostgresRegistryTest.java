package dev.saraf.serve.store;

/** The registry contract on PostgreSQL (skipped unless {@code SARAF_TEST_PG_URL} is set), each test in a fresh schema. */
class PostgresRegistryTest extends RegistryContractTest {
    @Override
    boolean postgres() {
        return true;
    }
}
