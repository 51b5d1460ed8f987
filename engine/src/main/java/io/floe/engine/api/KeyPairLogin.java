package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * A Snowflake key-pair user who presented a valid JWT.
 *
 * @param principal what the user may do: a project principal with exactly the user's bucket
 *     permissions; its name, for audit lines, is {@code snowflake-user:<project>.<USER>}
 * @param projectId the project the JWT's account names, as Floe spells it
 * @param user the Snowflake user name, upper-cased as registered
 */
public record KeyPairLogin(Principal principal, String projectId, String user) {
  public KeyPairLogin {
    requireNonNull(principal, "principal");
    requireNonNull(projectId, "projectId");
    requireNonNull(user, "user");
  }
}
