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

  /**
   * The Snowflake key-pair user a JWT stands for: the driver's login sends it as {@code TOKEN} with
   * {@code AUTHENTICATOR} {@code SNOWFLAKE_JWT}, the SQL API as {@code Authorization: Bearer} with
   * {@code X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT}. The JWT must be signed RS256 with the
   * registered key of user {@code USER} of account {@code ACCOUNT} (a project id, compared
   * case-insensitively): {@code iss} = {@code ACCOUNT.USER.SHA256:<fingerprint of that key>},
   * {@code sub} = {@code ACCOUNT.USER}, {@code exp} in the future and at most an hour after
   * {@code iat}, {@code iat} not more than 60 s in the future. Each call checks the catalog as it
   * is now, so a deleted user is refused at once.
   *
   * @param jwt the JWT as presented (compact form, {@code header.payload.signature})
   * @param account the account the client names besides the JWT (the login's {@code
   *     ACCOUNT_NAME}), or null; a region suffix after its first '.' is ignored, and it must name
   *     the JWT's account
   * @throws FloeException {@code unauthenticated} (audited with the reason) for any JWT that does
   *     not pass
   */
  KeyPairLogin authenticateSnowflakeJwt(String jwt, String account, Origin origin);

  /** Records a refused password login that a front-end checked itself (PostgreSQL's SCRAM). */
  void refusedPassword(Origin origin, String principal, String user, String reason);
}
