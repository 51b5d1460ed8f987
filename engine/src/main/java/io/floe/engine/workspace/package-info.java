/**
 * Workspaces and dev branches: their lifecycle (create with a login shown once, list, drop, clear,
 * load, reset credentials, expiry), the objects a workspace's users create (catalog definitions,
 * rows in the workspace's own DuckDB file), and copy-on-write branch tables.
 *
 * <p>What a workspace may read is decided in {@link io.floe.engine.security.AccessPolicy} like for
 * every principal; SQL from workspace users runs through engine sessions like any other.
 */
package io.floe.engine.workspace;
