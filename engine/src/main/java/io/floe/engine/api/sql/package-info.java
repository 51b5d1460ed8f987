/**
 * SQL as front-ends meet it: a {@link io.floe.engine.api.sql.Session} of a principal, the
 * statements it prepares and runs, their results as a cursor of rows with described columns, and
 * the flavour and identifier rules a statement is read with.
 */
package io.floe.engine.api.sql;
