package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Authentication;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.HttpCredentials;
import io.floe.engine.api.KeyPairLogin;
import io.floe.engine.api.Origin;
import io.floe.engine.api.Principal;
import io.floe.engine.audit.AuditLog;
import io.floe.engine.audit.RefusedLogin;
import java.time.Clock;
import java.util.Optional;

/**
 * Authentication for every front-end. Front-ends pass what the caller presented and where it came
 * from; every refusal is written to the audit log ({@link RefusedLogin}) with the front-end, the
 * remote address, the reason and a hint of the credential that is never the secret. Requests
 * without any credentials are anonymous, not refused: which routes need a principal is the
 * front-end's business.
 */
public final class Authenticator implements Authentication {
  /** What a caller with a bad token hears: the reason itself is only in the audit log. */
  static final String BAD_TOKEN = "invalid, expired or revoked token";
  static final String CONFLICTING = "the request carries different tokens in its credentials";

  private final TokenService tokens;
  private final KeyPairJwtCheck keyPairs;
  private final AuditLog audit;
  private final Clock clock;

  public Authenticator(TokenService tokens, KeyPairJwtCheck keyPairs, AuditLog audit, Clock clock) {
    this.tokens = requireNonNull(tokens, "tokens");
    this.keyPairs = requireNonNull(keyPairs, "keyPairs");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The principal an HTTP request's credentials stand for; empty for a request without any.
   *
   * @throws FloeException {@code unauthenticated} (audited) for malformed credentials or a token
   *     that is unknown, expired or revoked; {@code conflicting_credentials} (audited) for
   *     credentials that name different tokens
   */
  public Optional<Principal> authenticate(HttpCredentials credentials, Origin origin) {
    requireNonNull(origin, "origin");
    if (credentials instanceof HttpCredentials.None) {
      return Optional.empty();
    }
    if (credentials instanceof HttpCredentials.Malformed malformed) {
      refuse(origin, null, null, malformed.problem(), null, "28000");
      throw new FloeException(ErrorCode.UNAUTHENTICATED, malformed.problem());
    }
    if (credentials instanceof HttpCredentials.Conflicting) {
      refuse(origin, null, null, CONFLICTING, null, "28000");
      throw new FloeException(ErrorCode.CONFLICTING_CREDENTIALS, CONFLICTING,
          "send the token once, or the same token in every header", null);
    }
    String secret = ((HttpCredentials.Token) credentials).secret();
    TokenCheck check = tokens.check(secret);
    if (check instanceof TokenCheck.Refused refused) {
      refuse(origin, refused.principal(), refused.project(), refused.reason(),
          TokenService.hint(secret), "28000");
      throw new FloeException(ErrorCode.UNAUTHENTICATED, BAD_TOKEN);
    }
    return Optional.of(((TokenCheck.Valid) check).principal());
  }

  /**
   * The Snowflake key-pair user a JWT stands for (see {@link KeyPairJwtCheck}).
   *
   * @throws FloeException {@code unauthenticated}, audited with the reason, for a JWT that does
   *     not pass
   */
  @Override public KeyPairLogin authenticateSnowflakeJwt(String jwt, String account, Origin origin) {
    requireNonNull(origin, "origin");
    KeyPairJwtCheck.Result result = keyPairs.check(jwt, account);
    if (result instanceof KeyPairJwtCheck.Result.Refused refused) {
      refuse(origin, refused.principal(), refused.project(), refused.reason(), refused.credential(),
          "28000");
      throw new FloeException(ErrorCode.UNAUTHENTICATED, refused.message());
    }
    return ((KeyPairJwtCheck.Result.Valid) result).login();
  }

  /**
   * Audits a refused password login; the exchange itself (SCRAM) runs in the front-end.
   *
   * @param principal whose login it was, when the user exists, else null
   * @param user the user name the client gave
   * @param reason e.g. {@code wrong password}
   */
  public void refusedPassword(Origin origin, String principal, String user, String reason) {
    refuse(requireNonNull(origin, "origin"), principal, null, reason, "user:" + user, "28P01");
  }

  private void refuse(Origin origin, String principal, String project, String reason,
      String credential, String sqlState) {
    audit.record(new RefusedLogin(clock.instant(), principal == null ? "anonymous" : principal,
        origin.frontEnd(), origin.remote(), reason, shorten(credential), sqlState, project));
  }

  /** Client-chosen text in the audit log is kept short and printable. */
  private static String shorten(String s) {
    if (s == null) {
      return null;
    }
    String printable = s.codePoints().filter(c -> !Character.isISOControl(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return printable.length() > 128 ? printable.substring(0, 128) + "…" : printable;
  }
}
