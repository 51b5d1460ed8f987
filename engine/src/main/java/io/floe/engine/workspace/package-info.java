/**
 * Workspaces and dev branches: their lifecycle (create with a login shown once, list, drop, clear,
 * load, reset credentials, expiry) and copy-on-write branch tables. The objects a workspace's
 * users create are the storage package's ({@link io.floe.engine.storage.WorkspaceObjects}), so
 * sessions create them without depending on this package, which runs sessions.
 *
 * <p>What a workspace may read is decided in {@link io.floe.engine.security.AccessPolicy} like for
 * every principal; SQL from workspace users runs through engine sessions like any other.
 */
package io.floe.engine.workspace;
