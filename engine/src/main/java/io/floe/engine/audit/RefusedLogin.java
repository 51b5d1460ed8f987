package io.floe.engine.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One refused authentication: a bad, expired or revoked token, a wrong password.
 *
 * @param time when it was refused
 * @param principal who the credential belongs to when that is known (an expired token's
 *     {@code token:<id>}, a workspace's {@code workspace:<id>}), else {@code anonymous}
 * @param frontEnd which endpoint refused it ({@code rest}, {@code jdbc}, {@code pgwire})
 * @param remote the client's address
 * @param reason why, for the operator: {@code unknown token}, {@code wrong password}, ...
 * @param credential what was presented, never a secret: a token's prefix
 *     ({@code proj_shop_…}), {@code user:<name>}; null when nothing can be said
 * @param sqlState {@code 28000} (invalid authorization) or {@code 28P01} (invalid password)
 * @param project the project of the credential's owner when that is known (an expired or revoked
 *     project token), else null
 */
public record RefusedLogin(Instant time, String principal, String frontEnd, String remote,
    String reason, String credential, String sqlState, String project) {
  public RefusedLogin(Instant time, String principal, String frontEnd, String remote,
      String reason, String credential, String sqlState) {
    this(time, principal, frontEnd, remote, reason, credential, sqlState, null);
  }

  public RefusedLogin {
    requireNonNull(time, "time");
    requireNonNull(principal, "principal");
    requireNonNull(frontEnd, "frontEnd");
    requireNonNull(remote, "remote");
    requireNonNull(reason, "reason");
    requireNonNull(sqlState, "sqlState");
  }
}
