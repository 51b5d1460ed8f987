package io.floe.server;

import static java.util.Objects.requireNonNull;

import io.floe.avatica.AvaticaConfig;
import io.floe.engine.api.EngineConfig;
import io.floe.pgwire.PgConfig;
import io.floe.web.WebConfig;

/**
 * Everything the floe process is configured with.
 *
 * @param engine engine settings (data directory, DuckDB, timeouts)
 * @param httpHost interface the HTTP listener binds to
 * @param httpPort its port; 0 picks a free one
 * @param adminToken the admin token to use, or null to generate one on first start
 * @param avatica JDBC endpoint limits
 * @param web REST API limits
 * @param pg the PostgreSQL listener (workspaces)
 */
public record ServerConfig(EngineConfig engine, String httpHost, int httpPort, String adminToken,
    AvaticaConfig avatica, WebConfig web, PgConfig pg) {
  /** A configuration with the PostgreSQL listener on its defaults (127.0.0.1:5433). */
  public ServerConfig(EngineConfig engine, String httpHost, int httpPort, String adminToken,
      AvaticaConfig avatica, WebConfig web) {
    this(engine, httpHost, httpPort, adminToken, avatica, web, PgConfig.defaults(engine.dataDir()));
  }

  public ServerConfig {
    requireNonNull(engine, "engine");
    requireNonNull(httpHost, "httpHost");
    requireNonNull(avatica, "avatica");
    requireNonNull(web, "web");
    requireNonNull(pg, "pg");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0..65535, got " + httpPort);
    }
  }

  @Override public String toString() {
    return "ServerConfig[dataDir=" + engine.dataDir() + ", http=" + httpHost + ":" + httpPort
        + ", pg=" + pg.host() + ":" + pg.port()
        + ", adminToken=" + (adminToken == null ? "generated" : "<configured>") + "]";
  }
}
