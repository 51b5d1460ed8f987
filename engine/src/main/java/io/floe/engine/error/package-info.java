/**
 * Floe's single error model: {@link io.floe.engine.error.FloeException} with an
 * {@link io.floe.engine.error.ErrorCode} that carries SQLSTATE and HTTP status, plus the translation
 * of DuckDB, SQLite and Calcite failures into it ({@link io.floe.engine.error.Errors}).
 */
package io.floe.engine.error;
