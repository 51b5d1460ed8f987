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
