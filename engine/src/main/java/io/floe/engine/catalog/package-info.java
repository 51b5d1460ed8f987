/**
 * The catalog: projects, buckets, tables, columns, primary keys, tokens, shares and links, key/value
 * metadata and jobs in SQLite ({@code <data-dir>/catalog.db}, WAL, versioned
 * {@link io.floe.engine.catalog.Migrations}), and the immutable
 * {@link io.floe.engine.catalog.CatalogSnapshot} every reader uses (metadata and jobs are read from
 * SQLite directly: they never change what SQL sees). It is the only source of truth for metadata;
 * DuckDB files hold only data.
 */
package io.floe.engine.catalog;
