package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A connection's run-time parameters (what SET, SHOW and RESET see) and the session commands that
 * are the protocol's business rather than the engine's: SET/SHOW/RESET, BEGIN/COMMIT/ROLLBACK,
 * SAVEPOINT, DISCARD, DEALLOCATE.
 *
 * <p>Parameters clients set for themselves (application_name, extra_float_digits, DateStyle,
 * client_encoding, search_path, ...) are kept and echoed; {@code statement_timeout} reaches the
 * engine session; {@code TimeZone} decides how timestamptz values are rendered.
 */
final class PgSettings {
  static final String SERVER_VERSION = "16.4 (Floe)";
  static final String SERVER_VERSION_NUM = "160004";

  /** Parameters reported in ParameterStatus at start-up and whenever they change. */
  static final Set<String> REPORTED = Set.of("application_name", "client_encoding", "DateStyle",
      "TimeZone", "IntervalStyle", "integer_datetimes", "is_superuser", "server_encoding",
      "server_version", "session_authorization", "standard_conforming_strings",
      "default_transaction_read_only", "in_hot_standby", "scram_iterations");

  private static final Map<String, String> DEFAULTS = defaults();

  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, String> startup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  PgSettings(String user, Map<String, String> startupParameters) {
    values.putAll(DEFAULTS);
    values.put("session_authorization", user);
    Map<String, String> parameters = new LinkedHashMap<>(startupParameters);
    parameters.putAll(options(startupParameters.get("options")));
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      String name = p.getKey();
      if (name.equals("user") || name.equals("database") || name.equals("options")
          || name.equals("replication") || name.startsWith("_pq_.")) {
        continue;
      }
      try {
        set(name, p.getValue());
        startup.put(name, values.get(name));
      } catch (FloeException e) {
        // A start-up parameter Floe cannot honour is ignored, as libpq's "options" would be.
      }
    }
  }

  /**
   * The settings in libpq's {@code options} start-up parameter: {@code -c name=value} and
   * {@code --name=value}, separated by spaces ({@code \ } is a space inside a value).
   */
  static Map<String, String> options(String options) {
    Map<String, String> out = new LinkedHashMap<>();
    if (options == null) {
      return out;
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < options.length(); i++) {
      char ch = options.charAt(i);
      if (ch == '\\' && i + 1 < options.length()) {
        word.append(options.charAt(++i));
      } else if (Character.isWhitespace(ch)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(ch);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String setting = w.equals("-c") && i + 1 < words.size() ? words.get(++i)
          : w.startsWith("--") ? w.substring(2) : w.startsWith("-c") ? w.substring(2) : null;
      int eq = setting == null ? -1 : setting.indexOf('=');
      if (eq > 0) {
        out.put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
      }
    }
    return out;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("application_name", "");
    d.put("client_encoding", "UTF8");
    d.put("server_encoding", "UTF8");
    d.put("DateStyle", "ISO, MDY");
    d.put("IntervalStyle", "postgres");
    d.put("TimeZone", "UTC");
    d.put("integer_datetimes", "on");
    d.put("standard_conforming_strings", "on");
    d.put("is_superuser", "off");
    d.put("server_version", SERVER_VERSION);
    d.put("server_version_num", SERVER_VERSION_NUM);
    d.put("extra_float_digits", "1");
    d.put("search_path", "\"$user\", public");
    d.put("statement_timeout", "0");
    d.put("lock_timeout", "0");
    d.put("idle_in_transaction_session_timeout", "0");
    d.put("transaction_isolation", "read committed");
    d.put("default_transaction_isolation", "read committed");
    d.put("transaction_read_only", "off");
    d.put("default_transaction_read_only", "off");
    d.put("in_hot_standby", "off");
    d.put("max_identifier_length", "63");
    d.put("max_index_keys", "32");
    d.put("bytea_output", "hex");
    d.put("client_min_messages", "notice");
    d.put("lc_collate", "C");
    d.put("lc_ctype", "C");
    d.put("lc_messages", "C");
    d.put("lc_monetary", "C");
    d.put("lc_numeric", "C");
    d.put("lc_time", "C");
    d.put("datestyle", "ISO, MDY");
    d.put("scram_iterations", "4096");
    d.put("block_size", "8192");
    d.put("max_connections", "100");
    d.put("port", "5433");
    d.put("ssl", "on");
    d.put("row_security", "on");
    d.put("jit", "off");
    d.put("work_mem", "4MB");
    return d;
  }

  /** The value of a parameter, or null when unknown. */
  String get(String name) {
    return values.get(name);
  }

  Map<String, String> reported() {
    Map<String, String> r = new LinkedHashMap<>();
    for (String name : REPORTED) {
      r.put(name, values.get(name));
    }
    return r;
  }

  /** Where timestamptz values are rendered. */
  ZoneId zone() {
    try {
      return ZoneId.of(values.get("TimeZone"));
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** extra_float_digits: how float4 and float8 values are written as text ({@link PgFloats}). */
  int extraFloatDigits() {
    return Integer.parseInt(values.get("extra_float_digits"));
  }

  /** Sets a parameter (validating the few whose values matter); returns the stored value. */
  String set(String name, String value) {
    String canonical = canonical(name);
    String v = value == null ? DEFAULTS.getOrDefault(canonical, "") : value;
    switch (canonical.toLowerCase(Locale.ROOT)) {
      case "client_encoding":
        // Floe speaks UTF-8 only; other requests (psql sends SQL_ASCII in a C locale) are answered
        // with UTF8, which every client handles.
        v = "UTF8";
        break;
      case "timezone":
        v = zoneName(v);
        break;
      case "datestyle":
        if (!v.toUpperCase(Locale.ROOT).contains("ISO")) {
          throw FloeException.invalid("only DateStyle ISO is supported");
        }
        v = "ISO, MDY";
        break;
      case "statement_timeout":
        timeoutMillis(v);
        break;
      case "extra_float_digits":
        v = Integer.toString(extraFloatDigits(v));
        break;
      case "server_version", "server_encoding", "integer_datetimes", "is_superuser",
          "session_authorization", "server_version_num":
        throw FloeException.of(ErrorCode.INVALID_STATE,
            "parameter \"%s\" cannot be changed", canonical);
      default:
        break;
    }
    values.put(canonical, v);
    return v;
  }

  /**
   * The schemas a search_path names, for name resolution: {@code "$user"} and {@code pg_catalog}
   * left out (no schema is named after a user; the catalog is always searched); null when that
   * leaves only {@code public}, the default.
   */
  static List<String> searchPath(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    List<String> schemas = new java.util.ArrayList<>();
    for (String item : value.split(",")) {
      String name = item.strip();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
      }
      if (!name.isEmpty() && !name.equals("$user") && !name.equalsIgnoreCase("pg_catalog")) {
        schemas.add(name);
      }
    }
    return schemas.equals(List.of("public")) ? null : schemas;
  }

  /** Resets a parameter to its start-up value, or the default. */
  String reset(String name) {
    String canonical = canonical(name);
    String v = startup.getOrDefault(canonical, DEFAULTS.get(canonical));
    if (v == null) {
      values.remove(canonical);
    } else {
      values.put(canonical, v);
    }
    return v;
  }

  void resetAll() {
    for (String name : List.copyOf(values.keySet())) {
      if (!name.equals("session_authorization")) {
        reset(name);
      }
    }
  }

  static String canonical(String name) {
    for (String known : DEFAULTS.keySet()) {
      if (known.equalsIgnoreCase(name)) {
        return known.equals("datestyle") ? "DateStyle" : known;
      }
    }
    return name;
  }

  private static String zoneName(String v) {
    String z = v.strip();
    if (z.equalsIgnoreCase("local") || z.equalsIgnoreCase("default")) {
      return "UTC";
    }
    try {
      ZoneId.of(z);
      return z;
    } catch (DateTimeException e) {
      try {
        int hours = Integer.parseInt(z);
        return ZoneOffset.ofHours(hours).getId();
      } catch (RuntimeException again) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "invalid value for parameter \"TimeZone\": \"%s\"", v);
      }
    }
  }

  /** An extra_float_digits value: an integer in [-15, 3] (a fraction is rounded, as PostgreSQL does). */
  static int extraFloatDigits(String v) {
    double d;
    try {
      d = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw FloeException.of(ErrorCode.INVALID_PARAMETER,
          "invalid value for parameter \"extra_float_digits\": \"%s\"", v);
    }
    double n = Math.rint(d);
    if (n < -15 || n > 3) {
      throw FloeException.of(ErrorCode.INVALID_PARAMETER,
          "%s is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)", v.strip());
    }
    return (int) n;
  }

  /** statement_timeout in milliseconds ("0" is none; units ms, s, min, h accepted). */
  static long timeoutMillis(String v) {
    String t = v.strip().toLowerCase(Locale.ROOT).replace("'", "");
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min|h)?").matcher(t);
    if (!m.matches()) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT,
          "invalid value for parameter \"statement_timeout\": \"%s\"", v);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> n * 1000;
      case "min" -> n * 60_000;
      case "h" -> n * 3_600_000;
      default -> n;
    };
  }

  // ---- session commands ----------------------------------------------------------------------

  /** What a session command asks of the connection. */
  enum Kind { SET, SHOW, RESET, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, DISCARD,
    DEALLOCATE, NOOP }

  /**
   * A parsed session command.
   *
   * @param kind what it is
   * @param name the parameter, savepoint or prepared statement it names (null for ALL)
   * @param value a SET's value (null for DEFAULT)
   * @param tag CommandComplete's tag
   */
  record Command(Kind kind, String name, String value, String tag) {}

  /** The command if {@code sql} is a session command, else null. */
  static Command parse(String sql) {
    return parse(LexedStatement.of(sql));
  }

  /** The command if a lexed statement is a session command, else null. */
  static Command parse(LexedStatement statement) {
    List<SqlLexer.Token> t = statement.significant();
    while (!t.isEmpty() && t.get(t.size() - 1).isSymbol(";")) {
      t = t.subList(0, t.size() - 1);
    }
    if (t.isEmpty() || t.get(0).type() != SqlLexer.Type.WORD) {
      return null;
    }
    String first = t.get(0).text().toLowerCase(Locale.ROOT);
    String second = t.size() > 1 ? t.get(1).text().toLowerCase(Locale.ROOT) : "";
    switch (first) {
      case "begin", "start":
        return new Command(Kind.BEGIN, null, null, first.equals("begin") ? "BEGIN" : "START TRANSACTION");
      case "commit", "end":
        return second.equals("prepared") ? null : new Command(Kind.COMMIT, null, null, "COMMIT");
      case "abort":
        return new Command(Kind.ROLLBACK, null, null, "ROLLBACK");
      case "rollback":
        if (second.equals("prepared")) {
          return null;
        }
        int to = indexOf(t, "to");
        if (to > 0) {
          return new Command(Kind.ROLLBACK_TO, t.get(t.size() - 1).identifier(), null, "ROLLBACK");
        }
        return new Command(Kind.ROLLBACK, null, null, "ROLLBACK");
      case "savepoint":
        return new Command(Kind.SAVEPOINT, t.size() > 1 ? t.get(1).identifier() : null, null, "SAVEPOINT");
      case "release":
        return new Command(Kind.RELEASE, t.get(t.size() - 1).identifier(), null, "RELEASE");
      case "discard":
        return new Command(Kind.DISCARD, second, null, "DISCARD " + second.toUpperCase(Locale.ROOT));
      case "deallocate": {
        int i = second.equals("prepare") ? 2 : 1;
        String name = t.size() > i ? t.get(i).identifier() : null;
        return new Command(Kind.DEALLOCATE, name != null && name.equals("all") && t.get(i).type()
            == SqlLexer.Type.WORD ? null : name, null,
        "DEALLOCATE" + (name == null || name.equals("all") ? " ALL" : ""));
      }
      case "reset":
        return new Command(Kind.RESET, t.size() > 1 && !t.get(1).is("all") ? name(t, 1) : null, null, "RESET");
      case "show": {
        if (second.equals("transaction") && t.size() > 3) {
          return new Command(Kind.SHOW, "transaction_isolation", null, "SHOW");
        }
        if (t.size() < 2) {
          return null;
        }
        return new Command(Kind.SHOW, t.get(1).is("all") ? null : name(t, 1), null, "SHOW");
      }
      case "set":
        return set(t);
      default:
        return null;
    }
  }

  private static Command set(List<SqlLexer.Token> t) {
    int i = 1;
    if (i < t.size() && (t.get(i).is("session") || t.get(i).is("local"))) {
      if (t.get(i).is("session") && i + 1 < t.size() && t.get(i + 1).is("characteristics")) {
        return new Command(Kind.NOOP, null, null, "SET");
      }
      if (t.get(i).is("session") && i + 1 < t.size() && t.get(i + 1).is("authorization")) {
        return new Command(Kind.NOOP, null, null, "SET");
      }
      i++;
    }
    if (i >= t.size()) {
      return null;
    }
    if (t.get(i).is("transaction")) {
      return new Command(Kind.NOOP, null, null, "SET");
    }
    if (t.get(i).is("time") && i + 1 < t.size() && t.get(i + 1).is("zone")) {
      return new Command(Kind.SET, "TimeZone", value(t, i + 2), "SET");
    }
    if (t.get(i).is("names")) {
      return new Command(Kind.SET, "client_encoding", value(t, i + 1), "SET");
    }
    String name = name(t, i);
    int next = i + 1;
    while (next < t.size() && t.get(next).isSymbol(".")) {
      next += 2;
    }
    if (next >= t.size() || !(t.get(next).is("to") || t.get(next).isSymbol("="))) {
      return null;
    }
    return new Command(Kind.SET, name, value(t, next + 1), "SET");
  }

  private static String name(List<SqlLexer.Token> t, int i) {
    StringBuilder b = new StringBuilder(t.get(i).type() == SqlLexer.Type.QUOTED
        ? t.get(i).identifier() : t.get(i).text());
    for (int j = i + 1; j + 1 < t.size() && t.get(j).isSymbol("."); j += 2) {
      b.append('.').append(t.get(j + 1).text());
    }
    return b.toString();
  }

  /** A SET value: literal(s) joined with ", " (search_path a, b); null for DEFAULT. */
  private static String value(List<SqlLexer.Token> t, int i) {
    if (i >= t.size() || (t.size() == i + 1 && t.get(i).is("default"))) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int j = i; j < t.size(); j++) {
      SqlLexer.Token tok = t.get(j);
      if (tok.isSymbol(",")) {
        b.append(", ");
        continue;
      }
      String text = tok.text();
      if (tok.type() == SqlLexer.Type.STRING) {
        text = text.startsWith("E") || text.startsWith("e") ? text.substring(2, text.length() - 1)
            : text.substring(1, text.length() - 1).replace("''", "'");
      } else if (tok.type() == SqlLexer.Type.QUOTED) {
        text = tok.identifier();
      }
      b.append(text);
    }
    return b.toString();
  }

  private static int indexOf(List<SqlLexer.Token> t, String word) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is(word)) {
        return i;
      }
    }
    return -1;
  }
}
