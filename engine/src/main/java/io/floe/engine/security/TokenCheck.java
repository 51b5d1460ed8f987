package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;

/** What {@link TokenService#check} found for a presented secret. */
public sealed interface TokenCheck {
  /** The token is valid now. */
  record Valid(Principal principal) implements TokenCheck {
    public Valid {
      requireNonNull(principal, "principal");
    }
  }

  /**
   * The token does not authenticate.
   *
   * @param reason for the audit log: {@code unknown token}, {@code token expired}, ...
   * @param principal who the token belonged to ({@code token:<id>}, {@code admin}) when it is
   *     known (expired or revoked), else null
   * @param project the project of a known project token, else null
   */
  record Refused(String reason, String principal, String project) implements TokenCheck {
    public Refused(String reason, String principal) {
      this(reason, principal, null);
    }

    public Refused {
      requireNonNull(reason, "reason");
    }
  }
}
