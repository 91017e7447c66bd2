package dev.saraf.serve.store;

/** The registry contract on the embedded SQLite database, {@code <home>/registry.db}. */
class SqliteRegistryTest extends RegistryContractTest {
    @Override
    boolean postgres() {
        return false;
    }
}
