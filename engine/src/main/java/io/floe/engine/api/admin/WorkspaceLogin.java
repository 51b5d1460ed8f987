package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ScramVerifier;

/**
 * What a front-end needs to authenticate a workspace user: the stored verifier to run SCRAM (or
 * check a cleartext password) against, and the workspace the user belongs to.
 *
 * @param workspaceId the workspace
 * @param username the login name
 * @param verifier the SCRAM-SHA-256 verifier
 */
public record WorkspaceLogin(String workspaceId, String username, ScramVerifier verifier) {
  public WorkspaceLogin {
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(username, "username");
    requireNonNull(verifier, "verifier");
  }
}
