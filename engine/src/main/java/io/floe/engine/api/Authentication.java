package io.floe.engine.api;

import java.util.Optional;

/**
 * How front-ends authenticate callers: they pass what they received and where it came from; the
 * engine checks it and audits every refusal, so a bad token is audited the same way on every
 * front-end.
 */
public interface Authentication {
  /**
   * The principal an HTTP request's credentials stand for; empty for a request without any.
   *
   * @throws FloeException {@code unauthenticated} (audited) for malformed credentials or a token
   *     that is unknown, expired or revoked; {@code conflicting_credentials} (audited) for
   *     credentials that name different tokens
   */
  Optional<Principal> authenticate(HttpCredentials credentials, Origin origin);

  /** Records a refused password login that a front-end checked itself (PostgreSQL's SCRAM). */
  void refusedPassword(Origin origin, String principal, String user, String reason);
}
