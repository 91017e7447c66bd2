/**
 * The registry's storage: {@link dev.saraf.serve.store.JdbcRegistry} over one JDBC database
 * (SQLite or PostgreSQL, their differences kept in {@link dev.saraf.serve.store.Dialect}), the
 * schema {@link dev.saraf.serve.store.Migrations migrations}, and the content-addressed
 * {@link dev.saraf.serve.store.BlobStore}. Layout and guarantees: {@code docs/registry.md}.
 */
package dev.saraf.serve.store;
