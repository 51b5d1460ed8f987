package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.WorkspaceDef;
import java.util.List;

/**
 * A new workspace with its login. The password exists only in this value: Floe stores a SCRAM
 * verifier, so it can never show the password again.
 *
 * @param workspace the workspace
 * @param username its login name
 * @param password its password, shown once
 * @param loaded tables copied into it at creation ({@code preload_tables})
 */
public record CreatedWorkspace(WorkspaceDef workspace, String username, String password,
    List<LoadedTable> loaded) {
  public CreatedWorkspace {
    requireNonNull(workspace, "workspace");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    loaded = List.copyOf(loaded);
  }

  @Override public String toString() {
    return "CreatedWorkspace[" + workspace.id() + ", " + username + "]";
  }
}
