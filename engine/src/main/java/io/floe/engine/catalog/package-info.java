/**
 * The catalog: projects, buckets, tables, columns, primary keys and tokens in SQLite
 * ({@code <data-dir>/catalog.db}, WAL, versioned {@link io.floe.engine.catalog.Migrations}), and the
 * immutable {@link io.floe.engine.catalog.CatalogSnapshot} every reader uses. It is the only source
 * of truth for metadata; DuckDB files hold only data.
 */
package io.floe.engine.catalog;
