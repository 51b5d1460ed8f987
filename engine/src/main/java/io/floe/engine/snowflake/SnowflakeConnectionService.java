package io.floe.engine.snowflake;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.SnowflakeConnections;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.Names;
import io.floe.engine.catalog.Sqlite;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.SecretBox;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's Snowflake connections ({@link SnowflakeConnections}), kept in the catalog's {@code
 * snowflake_connections} with the secret sealed by the engine's {@link SecretBox}. Every create
 * and every change that touches how Floe logs in logs in first, so a stored connection is one that
 * worked when it was stored.
 */
public final class SnowflakeConnectionService implements SnowflakeConnections {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
  private static final String COLUMNS = "project_id, name, account, host, port, protocol, user_name, "
      + "auth, secret, warehouse, role, database, created_at, updated_at";

  private final Catalog catalog;
  private final SecretBox secrets;
  private final Clock clock;

  public SnowflakeConnectionService(Catalog catalog, SecretBox secrets, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.secrets = requireNonNull(secrets, "secrets");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A stored connection with its sealed secret. */
  private record Stored(Info info, byte[] sealed) {}

  @Override public Info create(Principal p, String projectId, Spec spec) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    requireNonNull(spec, "spec");
    String name = Names.identifier("connection name", spec.name());
    SnowflakeClient.Secret secret = secret(spec.password(), spec.privateKey(),
        spec.privateKeyPassphrase(), spec.oauthToken(), true);
    Instant now = clock.instant();
    String protocol = protocol(spec.protocol());
    Info info = new Info(projectId, name, account(spec.account()), host(spec.host(), protocol),
        port(spec.port(), protocol), protocol, user(spec.user()), auth(secret),
        optional(spec.warehouse()), optional(spec.role()), optional(spec.database()), now, now);
    if (find(projectId, name).isPresent()) {
      throw new FloeException(ErrorCode.ALREADY_EXISTS, "Snowflake connection '" + name
          + "' already exists in project '" + projectId + "'");
    }
    login(info, secret);
    byte[] sealed = secrets.seal(json(secret), owner(projectId, name));
    catalog.write(tx -> {
      if (find(tx, projectId, name).isPresent()) {
        throw new FloeException(ErrorCode.ALREADY_EXISTS, "Snowflake connection '" + name
            + "' already exists in project '" + projectId + "'");
      }
      tx.update("INSERT INTO snowflake_connections (" + COLUMNS + ") VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", projectId, name, info.account(),
          info.host(), info.port(), info.protocol(), info.user(),
          info.auth().name().toLowerCase(Locale.ROOT), sealed, info.warehouse(), info.role(),
          info.database(), now.toString(), now.toString());
      return null;
    });
    return info;
  }

  @Override public List<Info> list(Principal p, String projectId) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    return catalog.read(tx -> tx.query("SELECT " + COLUMNS + " FROM snowflake_connections "
        + "WHERE project_id = ? ORDER BY name", SnowflakeConnectionService::stored, projectId))
        .stream().map(Stored::info).toList();
  }

  @Override public Info get(Principal p, String projectId, String name) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    return require(projectId, name).info();
  }

  @Override public Info update(Principal p, String projectId, String name, Patch patch) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    requireNonNull(patch, "patch");
    Stored old = require(projectId, name);
    Info was = old.info();
    boolean newSecret = patch.password() != null || patch.privateKey() != null
        || patch.oauthToken() != null;
    SnowflakeClient.Secret secret = newSecret
        ? secret(patch.password(), patch.privateKey(), patch.privateKeyPassphrase(),
            patch.oauthToken(), true)
        : parse(secrets.open(old.sealed(), owner(projectId, was.name())));
    String protocol = patch.protocol() == null ? was.protocol() : protocol(patch.protocol());
    String host = host(patch.host() == null ? was.host() : patch.host(), protocol);
    int port = patch.port() != null ? port(patch.port(), protocol)
        : patch.protocol() != null && !protocol.equals(was.protocol()) ? port(null, protocol) : was.port();
    Instant now = clock.instant();
    Info info = new Info(projectId, was.name(),
        patch.account() == null ? was.account() : account(patch.account()), host, port, protocol,
        patch.user() == null ? was.user() : user(patch.user()), auth(secret),
        patch.warehouse() == null ? was.warehouse() : optional(patch.warehouse()),
        patch.role() == null ? was.role() : optional(patch.role()),
        patch.database() == null ? was.database() : optional(patch.database()),
        was.createdAt(), now);
    login(info, secret);
    byte[] sealed = newSecret ? secrets.seal(json(secret), owner(projectId, was.name())) : old.sealed();
    catalog.write(tx -> tx.update("UPDATE snowflake_connections SET account = ?, host = ?, port = ?, "
        + "protocol = ?, user_name = ?, auth = ?, secret = ?, warehouse = ?, role = ?, database = ?, "
        + "updated_at = ? WHERE project_id = ? AND name = ?", info.account(), info.host(),
        info.port(), info.protocol(), info.user(), info.auth().name().toLowerCase(Locale.ROOT),
        sealed, info.warehouse(), info.role(), info.database(), now.toString(), projectId,
        was.name()));
    return info;
  }

  @Override public void delete(Principal p, String projectId, String name) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    Stored stored = require(projectId, name);
    List<String> users = catalog.snapshot().buckets(projectId).stream()
        .filter(b -> b.isRegistered() && b.remote().connection().equalsIgnoreCase(stored.info().name()))
        .map(io.floe.engine.api.catalog.Bucket::name).toList();
    if (!users.isEmpty()) {
      throw new FloeException(ErrorCode.OBJECT_IN_USE, "Snowflake connection '" + stored.info().name()
          + "' is used by registered bucket " + String.join(", ", users) + "; delete "
          + (users.size() == 1 ? "it" : "them") + " first");
    }
    catalog.write(tx -> tx.update("DELETE FROM snowflake_connections WHERE project_id = ? AND name = ?",
        projectId, stored.info().name()));
  }

  @Override public Info test(Principal p, String projectId, String name) {
    AccessPolicy.requireProjectAdmin(p, catalog.snapshot(), projectId);
    Stored stored = require(projectId, name);
    login(stored.info(), parse(secrets.open(stored.sealed(), owner(projectId, stored.info().name()))));
    return stored.info();
  }

  /** A stored connection's details, for the engine's own use (no access check), or empty. */
  public Optional<Info> describe(String projectId, String name) {
    return find(projectId, name).map(Stored::info);
  }

  /** A JDBC connection to Snowflake with a stored connection's login, for the engine's own reads. */
  public Connection open(String projectId, String name) {
    Stored stored = require(projectId, name);
    return SnowflakeClient.connect(details(stored.info(),
        parse(secrets.open(stored.sealed(), owner(projectId, stored.info().name())))));
  }

  private static void login(Info info, SnowflakeClient.Secret secret) {
    try (Connection c = SnowflakeClient.connect(details(info, secret))) {
      c.isValid(SnowflakeClient.LOGIN_TIMEOUT_SECONDS);
    } catch (SQLException closing) {
      // The login worked; closing the session is Snowflake's business.
    }
  }

  private static SnowflakeClient.Login details(Info i, SnowflakeClient.Secret secret) {
    return new SnowflakeClient.Login(i.name(), i.account(), i.host(), i.port(), i.protocol(), i.user(),
        secret, i.warehouse(), i.role(), i.database());
  }

  private Stored require(String projectId, String name) {
    return find(projectId, name).orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND,
        "Snowflake connection '" + name + "' not found in project '" + projectId + "'"));
  }

  private Optional<Stored> find(String projectId, String name) {
    return catalog.read(tx -> find(tx, projectId, name));
  }

  private static Optional<Stored> find(Sqlite.Tx tx, String projectId, String name)
      throws SQLException {
    return tx.queryOne("SELECT " + COLUMNS + " FROM snowflake_connections WHERE project_id = ? "
        + "AND name = ? COLLATE NOCASE", SnowflakeConnectionService::stored, projectId, name);
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(new Info(rs.getString("project_id"), rs.getString("name"),
        rs.getString("account"), rs.getString("host"), rs.getInt("port"), rs.getString("protocol"),
        rs.getString("user_name"), Auth.valueOf(rs.getString("auth").toUpperCase(Locale.ROOT)),
        rs.getString("warehouse"), rs.getString("role"), rs.getString("database"),
        Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("updated_at"))),
        rs.getBytes("secret"));
  }

  private static String owner(String projectId, String name) {
    return "snowflake-connection:" + projectId + "/" + name.toLowerCase(Locale.ROOT);
  }

  /** Exactly one kind of secret; a private key is checked to be readable now. */
  private static SnowflakeClient.Secret secret(String password, String privateKey, String passphrase,
      String oauthToken, boolean required) {
    int given = (blank(password) ? 0 : 1) + (blank(privateKey) ? 0 : 1) + (blank(oauthToken) ? 0 : 1);
    if (given != 1) {
      throw FloeException.invalid("give exactly one of password, private_key and oauth_token"
          + (given == 0 && required ? "" : " (" + given + " given)"));
    }
    if (!blank(privateKey)) {
      SnowflakeClient.privateKey(privateKey, passphrase);
    } else if (passphrase != null) {
      throw FloeException.invalid("private_key_passphrase goes with private_key");
    }
    return new SnowflakeClient.Secret(blank(password) ? null : password,
        blank(privateKey) ? null : privateKey, blank(privateKey) ? null : passphrase,
        blank(oauthToken) ? null : oauthToken);
  }

  private static Auth auth(SnowflakeClient.Secret s) {
    return s.password() != null ? Auth.PASSWORD : s.privateKey() != null ? Auth.KEY_PAIR : Auth.OAUTH;
  }

  private static String json(SnowflakeClient.Secret s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw FloeException.internal("cannot store a secret", e);
    }
  }

  private static SnowflakeClient.Secret parse(String json) {
    try {
      return JSON.readValue(json, SnowflakeClient.Secret.class);
    } catch (JsonProcessingException e) {
      throw FloeException.internal("a stored secret is damaged", e);
    }
  }

  private static String protocol(String protocol) {
    String p = protocol == null ? "https" : protocol.strip().toLowerCase(Locale.ROOT);
    if (!p.equals("https") && !p.equals("http")) {
      throw FloeException.invalid("protocol must be https or http, not '" + protocol + "'");
    }
    return p;
  }

  private static String account(String account) {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw FloeException.invalid("account is missing or invalid (letters, digits, '.', '_', '-')");
    }
    return account;
  }

  private static String user(String user) {
    if (blank(user) || user.length() > 255) {
      throw FloeException.invalid("user is missing or longer than 255 characters");
    }
    return user;
  }

  private static String host(String host, String protocol) {
    if (host == null || !HOST.matcher(host).matches()) {
      throw FloeException.invalid("host is missing or invalid");
    }
    if (protocol.equals("http") && !loopback(host)) {
      throw FloeException.invalid("protocol http is only for a loopback host (127.0.0.1, ::1, "
          + "localhost); Snowflake is reached over https");
    }
    return host;
  }

  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name other than localhost is not resolved here
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static int port(Integer port, String protocol) {
    if (port == null) {
      return protocol.equals("https") ? 443 : 80;
    }
    if (port < 1 || port > 65535) {
      throw FloeException.invalid("port must be between 1 and 65535");
    }
    return port;
  }

  private static String optional(String value) {
    return blank(value) ? null : value.strip();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
