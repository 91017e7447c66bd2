package dev.saraf.serve.store;

import org.junit.jupiter.api.AfterEach;

/** The registry contract on PostgreSQL (skipped unless {@code SARAF_TEST_PG_URL} is set), each test in a fresh schema. */
class PostgresRegistryTest extends RegistryContractTest {
    private TestPostgres.Schema schema;

    @Override
    String freshDatabaseUrl() throws Exception {
        schema = TestPostgres.freshSchema();
        return schema.url();
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            registry.close();
            schema.close();
        }
    }
}
