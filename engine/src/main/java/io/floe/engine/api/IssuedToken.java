package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

/** A token just created: the record, plus the secret, which is shown once and never stored. */
public record IssuedToken(TokenRecord record, String secret) {
  public IssuedToken {
    requireNonNull(record, "record");
    requireNonNull(secret, "secret");
  }

  @Override public String toString() {
    return "IssuedToken[" + record.id() + "]";
  }
}
