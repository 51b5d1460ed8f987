/**
 * Catalog values as front-ends see them: projects, buckets (as a principal sees them, linked or
 * not), tables and their column types, branches, workspaces and their objects, jobs, metadata,
 * and the principal's {@link io.floe.engine.api.catalog.CatalogListing} (schemas, tables,
 * columns, keys and type descriptions), the one source that {@code information_schema}, JDBC
 * {@code DatabaseMetaData}, the PostgreSQL catalog mirror and later Snowflake's {@code SHOW}
 * present.
 */
package io.floe.engine.api.catalog;
