/**
 * The one catalog listing: what a principal may see (schemas, tables, columns, keys, types), built
 * once with the principal's root schema and read by every front-end that lists the catalog — the
 * engine's {@code information_schema}, JDBC {@code DatabaseMetaData}, PostgreSQL's
 * {@code pg_catalog} and {@code information_schema} rows, and Snowflake's {@code SHOW} and
 * {@code DESCRIBE}. A front-end only presents it; none walks the catalog or Calcite's schemas itself,
 * so an object a principal may not read is absent from all of them at once.
 */
package io.floe.engine.listing;
