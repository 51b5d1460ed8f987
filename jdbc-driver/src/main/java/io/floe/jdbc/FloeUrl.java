package io.floe.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code jdbc:floe://host[:port][/][?key=value&key=value]} URL. Properties may also follow
 * the authority separated by {@code ;}. The default port is 8080.
 */
record FloeUrl(String host, int port, Map<String, String> properties) {
  static final String PREFIX = "jdbc:floe:";
  static final int DEFAULT_PORT = 8080;

  static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  static FloeUrl parse(String url) throws SQLException {
    String rest = url.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      throw new SQLException("Floe URLs look like jdbc:floe://host:port, got " + url, "08001");
    }
    rest = rest.substring(2);
    int end = indexOfAny(rest, "/?;");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    if (authority.isEmpty()) {
      throw new SQLException("the URL has no host: " + url, "08001");
    }
    String host = authority;
    int port = DEFAULT_PORT;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && !authority.endsWith("]")) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new SQLException("bad port in " + url, "08001");
      }
    }
    Map<String, String> props = new LinkedHashMap<>();
    String query = tail.replaceFirst("^/", "").replaceFirst("^\\?", "");
    for (String part : query.split("[&;]")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      props.put(decode(key), decode(value));
    }
    return new FloeUrl(host, port, props);
  }

  /** Property names whose values are secrets. */
  private static final java.util.Set<String> SECRETS = java.util.Set.of("token", "password",
      "truststore_password", "bearer_token", "avatica_password");

  /**
   * The URL as the application gave it, without the values of secret properties: what
   * {@code DatabaseMetaData.getURL()} reports, and tools show and log.
   */
  static String withoutSecrets(String url) {
    int start = indexOfAny(url, "?;");
    if (start < 0) {
      return url;
    }
    char first = url.charAt(start);
    java.util.List<String> kept = new java.util.ArrayList<>();
    for (String part : url.substring(start + 1).split("[&;]")) {
      int eq = part.indexOf('=');
      String key = decode(eq < 0 ? part : part.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
      if (!part.isEmpty() && !SECRETS.contains(key)) {
        kept.add(part);
      }
    }
    String base = url.substring(0, start);
    return kept.isEmpty() ? base : base + first + String.join(first == '?' ? "&" : ";", kept);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
