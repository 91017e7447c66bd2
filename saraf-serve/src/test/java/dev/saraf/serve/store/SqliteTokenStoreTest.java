package dev.saraf.serve.store;

/** The token store contract on SQLite. */
class SqliteTokenStoreTest extends TokenStoreContractTest {
    @Override
    boolean postgres() {
        return false;
    }
}
