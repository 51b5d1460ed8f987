package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

/**
 * Where workspace users connect: the PostgreSQL listener as clients should address it. The server
 * sets it once the listener is bound; connection blocks in API answers are built from it.
 *
 * @param host host name or address clients use
 * @param port the listener's port
 * @param sslMode the libpq {@code sslmode} connection strings carry ({@code require} when TLS is
 *     available)
 */
public record PgEndpoint(String host, int port, String sslMode) {
  public PgEndpoint {
    requireNonNull(host, "host");
    requireNonNull(sslMode, "sslMode");
  }
}
