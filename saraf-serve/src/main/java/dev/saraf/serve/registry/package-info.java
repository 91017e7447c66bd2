/**
 * The model registry: named models with integer versions and stages, their blobs stored on disk by
 * content hash, their metadata (stage, metrics, provenance, input/output signature) in SQLite or
 * PostgreSQL, and the API tokens that guard the management endpoints.
 *
 * <p>Open everything with {@link dev.saraf.serve.registry.Registry#open}; then
 * {@link dev.saraf.serve.registry.Registry#models()} is the {@link dev.saraf.serve.registry.ModelRegistry}
 * and {@link dev.saraf.serve.registry.Registry#tokens()} the {@link dev.saraf.serve.registry.TokenStore}.
 * Storage layout, schema, migrations, stage semantics and crash safety: {@code docs/registry.md}.
 */
package dev.saraf.serve.registry;
