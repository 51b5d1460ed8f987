package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * Where a caller reaches Floe from, as audit lines name it.
 *
 * @param frontEnd the endpoint: {@code rest}, {@code jdbc}, {@code pgwire}
 * @param remote the client's address, as the transport reports it
 */
public record Origin(String frontEnd, String remote) {
  public Origin {
    requireNonNull(frontEnd, "frontEnd");
    remote = remote == null ? "-" : remote;
  }
}
