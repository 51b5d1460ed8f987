package io.floe.avatica;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connection properties a JDBC client may set. Everything else a client sends in
 * {@code openConnection} is ignored: in particular Calcite's class-loading properties ({@code model},
 * {@code schemaFactory}, {@code parserFactory}, ...) have no meaning here, and secrets ({@code token},
 * {@code password}) are used by the driver for the HTTP {@code Authorization} header, never read here.
 */
public enum FloeConnectionProperty {
  /** Default catalog (project id) for unqualified names; the admin token uses it to pick a project. */
  CATALOG("catalog"),
  /** Default schema (bucket) for unqualified table names. */
  SCHEMA("floe_schema"),
  /** Statement timeout for this connection, in milliseconds; capped by the server's maximum. */
  STATEMENT_TIMEOUT_MS("statement_timeout_ms"),
  /**
   * Set by Floe's driver: send TIMESTAMP and TIME values with microseconds (Avatica's own encoding
   * carries milliseconds). Plain Avatica clients leave it unset and get milliseconds.
   */
  TIMESTAMP_MICROS("floe_timestamp_micros"),
  /**
   * Rows per frame when a request does not say (Avatica's client asks for "no limit" in the first
   * frame of every result); Floe's driver sends its {@code fetch_size} setting here (Avatica keeps
   * that one on the client).
   */
  FETCH_SIZE("floe_fetch_size");

  private final String key;

  FloeConnectionProperty(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The allow-listed properties present in a client's property map; nothing else is kept. */
  public static Map<FloeConnectionProperty, String> filter(Map<String, String> info) {
    Map<FloeConnectionProperty, String> result = new EnumMap<>(FloeConnectionProperty.class);
    if (info == null) {
      return result;
    }
    for (Map.Entry<String, String> e : info.entrySet()) {
      lookup(e.getKey()).ifPresent(p -> {
        if (e.getValue() != null) {
          result.put(p, e.getValue());
        }
      });
    }
    return result;
  }

  static Optional<FloeConnectionProperty> lookup(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.toLowerCase(Locale.ROOT);
    for (FloeConnectionProperty p : values()) {
      if (p.key.equals(k)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
