package io.floe.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.DriverVersion;

/**
 * Floe's JDBC driver: {@code jdbc:floe://host:port}, with the API token in the {@code token} (or
 * {@code password}) property. It is Avatica's remote driver with Floe's defaults: JSON serialization
 * (faster than Avatica's protobuf for Java clients), 10,000-row frames with those after the first
 * in Floe's binary format, microsecond timestamps, server-side cancel and query timeouts, and
 * prepared statements reused across {@code prepareStatement} calls.
 *
 * <p>Properties (URL query or {@link Properties}): {@code token}, {@code ssl=true} (HTTPS),
 * {@code serialization=json|protobuf}, {@code fetch_size}, {@code catalog} (project),
 * {@code schema} (bucket), {@code statement_timeout_ms}, {@code prepared_statement_cache_size}
 * (default 64, 0 turns reuse off), and Avatica's TLS settings
 * ({@code truststore}, {@code truststore_password}, ...).
 */
public class Driver extends org.apache.calcite.avatica.remote.Driver {
  static final String DEFAULT_FETCH_SIZE = "10000";
  /** Connection property: prepared statements kept open on the server for reuse; 0 turns it off. */
  static final String STATEMENT_CACHE_SIZE = "prepared_statement_cache_size";
  static final int DEFAULT_STATEMENT_CACHE_SIZE = 64;
  /** Longer than the server's longest statement timeout, so the server decides. */
  static final String HTTP_RESPONSE_TIMEOUT_MS = String.valueOf(65L * 60 * 1000);

  static {
    new Driver().register();
  }

  @Override protected String getConnectStringPrefix() {
    return FloeUrl.PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    return DriverVersion.load(Driver.class, "io/floe/jdbc/floe-jdbc.properties", "Floe JDBC driver",
        "unknown version", "Floe", "unknown version");
  }

  @Override protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return FloeJdbcFactory.class.getName();
  }

  @Override public boolean acceptsURL(String url) {
    return FloeUrl.accepts(url);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    FloeUrl parsed = FloeUrl.parse(url);
    Properties props = new Properties();
    parsed.properties().forEach(props::setProperty);
    if (info != null) {
      info.forEach((k, v) -> props.put(k.toString(), v.toString()));
    }
    String token = firstNonEmpty(props.getProperty("token"), props.getProperty("password"));
    props.remove("token");
    props.remove("password");
    boolean ssl = Boolean.parseBoolean(props.getProperty("ssl", "false"));
    props.remove("ssl");
    String base = (ssl ? "https://" : "http://") + parsed.host() + ":" + parsed.port();
    props.setProperty("url", base + "/avatica");
    props.setProperty("serialization",
        props.getProperty("serialization", "json").toLowerCase(Locale.ROOT));
    if (token != null) {
      props.setProperty("bearer_token", token);
    }
    props.setProperty("httpclient_factory", FloeHttpClient.Factory.class.getName());
    props.setProperty("factory", FloeService.Factory.class.getName());
    props.putIfAbsent("fetch_size", DEFAULT_FETCH_SIZE);
    // Avatica keeps fetch_size on the client; the server sizes first frames by Floe's own key.
    props.setProperty("floe_fetch_size", props.getProperty("fetch_size"));
    props.putIfAbsent("http_response_timeout", HTTP_RESPONSE_TIMEOUT_MS);
    props.setProperty("floe_timestamp_micros", "true");
    // Avatica keeps "schema" on the client; the server reads Floe's own key.
    String schema = props.getProperty("schema");
    if (schema != null) {
      props.setProperty("floe_schema", schema);
    }
    FloeConnection connection;
    try {
      connection = (FloeConnection) super.connect(FloeUrl.PREFIX, props);
    } catch (AvaticaClientRuntimeException e) {
      throw FloeErrors.of(e);
    } catch (RuntimeException e) {
      throw new SQLException("cannot connect to " + base + ": " + e.getMessage(), "08001", e);
    }
    connection.configureCancel(base, token);
    connection.displayUrl = FloeUrl.withoutSecrets(url);
    return connection;
  }

  private static String firstNonEmpty(String a, String b) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b == null || b.isEmpty() ? null : b;
  }
}
