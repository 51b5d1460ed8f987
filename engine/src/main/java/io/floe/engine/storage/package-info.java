/**
 * Storage: Floe's single DuckDB instance ({@link io.floe.engine.storage.DuckDbStorage}) with one
 * attached file per table, atomic imports ({@link io.floe.engine.storage.TableImporter}), the
 * tables and views of workspaces ({@link io.floe.engine.storage.WorkspaceObjects}: catalog
 * definition and DuckDB file changed together) and the translation of DuckDB errors into Floe's
 * error codes.
 */
package io.floe.engine.storage;
