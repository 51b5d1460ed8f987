/**
 * The PostgreSQL wire protocol (version 3.0) in front of engine sessions, for workspaces: psql,
 * DBeaver, pgjdbc, psycopg and node-postgres connect here with a workspace's login.
 *
 * <p>The module only translates the protocol: every statement runs through an engine
 * {@link io.floe.engine.api.sql.Session} of the workspace principal, which plans it against that
 * principal's own root (project data read-only, the workspace's objects read-write). Catalog
 * queries ({@code pg_catalog}, {@code information_schema}) are answered by a
 * {@link io.floe.pgwire.PgCatalogMirror}: a tiny in-memory DuckDB without data that mirrors exactly
 * what the principal may see.
 */
package io.floe.pgwire;
