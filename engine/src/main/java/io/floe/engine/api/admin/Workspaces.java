package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import java.util.Optional;

/** Workspaces as the PostgreSQL front-end meets them: logins, principals, where clients connect. */
public interface Workspaces {
  /**
   * The login of a workspace user, if the user exists and its workspace and creating token are
   * still active. Front-ends check the password against the verifier, then call
   * {@link #principal}.
   */
  Optional<WorkspaceLogin> login(String username);

  /**
   * The principal of a workspace's users now.
   *
   * @throws io.floe.engine.api.FloeException {@code session_closed} when the workspace is gone or
   *     expired, or its creating token was revoked
   */
  Principal principal(String workspaceId);

  /** Where clients connect; null until the PostgreSQL listener is bound. */
  PgEndpoint endpoint();

  /** Sets where clients connect, once the PostgreSQL listener is bound. */
  void setEndpoint(PgEndpoint endpoint);
}
