package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import java.time.Instant;
import java.util.List;

/**
 * A project's Snowflake connections: how Floe logs in to a Snowflake account to read the tables
 * of the project's registered buckets. Managed by the project's master token or the admin. A
 * connection's secret (password, private key, OAuth token) is stored encrypted and never returned.
 * Creating or changing one logs in to Snowflake first and fails with Snowflake's reason
 * ({@code source_login_failed}) when the login is refused.
 */
public interface SnowflakeConnections {
  /** How a connection logs in. */
  enum Auth { PASSWORD, KEY_PAIR, OAUTH }

  /**
   * A connection as a client writes it. Exactly one of {@code password}, {@code privateKey} (PEM,
   * PKCS#8, with {@code privateKeyPassphrase} when it is encrypted) and {@code oauthToken} is given.
   *
   * @param host the account's host, such as {@code myorg-acct.snowflakecomputing.com}
   * @param port null for the protocol's default (443 for https, 80 for http)
   * @param protocol {@code https} (default) or {@code http}, which only a loopback host may use
   */
  record Spec(String name, String account, String host, Integer port, String protocol, String user,
      String password, String privateKey, String privateKeyPassphrase, String oauthToken,
      String warehouse, String role, String database) {
    @Override public String toString() { // never the secrets
      return "Spec[" + name + " " + user + "@" + account + "]";
    }
  }

  /** A change: null fields stay as they are; giving any secret replaces the secret. */
  record Patch(String account, String host, Integer port, String protocol, String user,
      String password, String privateKey, String privateKeyPassphrase, String oauthToken,
      String warehouse, String role, String database) {
    @Override public String toString() {
      return "Patch[" + user + "@" + account + "]";
    }
  }

  /** A connection as the API shows it: everything but the secret. */
  record Info(String projectId, String name, String account, String host, int port,
      String protocol, String user, Auth auth, String warehouse, String role, String database,
      Instant createdAt, Instant updatedAt) {}

  Info create(Principal p, String projectId, Spec spec);

  List<Info> list(Principal p, String projectId);

  Info get(Principal p, String projectId, String name);

  Info update(Principal p, String projectId, String name, Patch patch);

  /** Deletes a connection; refused ({@code object_in_use}) while a registered bucket uses it. */
  void delete(Principal p, String projectId, String name);

  /** Logs in with the stored connection now; its details when the login works. */
  Info test(Principal p, String projectId, String name);
}
