package io.floe.server.sqllogic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values compared by value, not by Java class: every JDBC value becomes one of a few canonical forms
 * ({@link BigDecimal} for exact numbers, {@link Approx} for floating point, {@link String},
 * {@link Boolean}, {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime}, {@link Instant},
 * {@link Bytes}), so INTEGER 5, BIGINT 5 and DECIMAL 5.0 are equal, doubles are equal within a
 * relative tolerance, and NULL equals NULL.
 */
final class Cells {
  /** Relative tolerance for DOUBLE results. */
  static final double DOUBLE_TOLERANCE = 1e-9;
  /** Relative tolerance when either side is a REAL. */
  static final double REAL_TOLERANCE = 1e-6;

  /** A floating-point value; {@code real} when it came from a 4-byte REAL. */
  record Approx(double value, boolean real) {}

  /** A BLOB value. */
  record Bytes(byte[] value) {
    @Override public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override public String toString() {
      return "\\x" + HexFormat.of().formatHex(value);
    }
  }

  /** An INTERVAL as months, days and microseconds, from DuckDB's or PostgreSQL's text. */
  record Interval(long months, long days, long micros) {
    private static final Pattern TIME = Pattern.compile("(-?)(\\d+):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,6}))?");

    /** Parses {@code 1 year 2 mons 3 days -04:05:06.7}; null when the text is not an interval. */
    static Interval parse(String text) {
      String[] words = text.strip().split("\\s+");
      long months = 0;
      long days = 0;
      long micros = 0;
      for (int i = 0; i < words.length; i++) {
        Matcher time = TIME.matcher(words[i]);
        if (time.matches()) {
          String fraction = time.group(5) == null ? "" : time.group(5);
          long value = ((Long.parseLong(time.group(2)) * 60 + Long.parseLong(time.group(3))) * 60
              + Long.parseLong(time.group(4))) * 1_000_000L
              + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
          micros += time.group(1).isEmpty() ? value : -value;
          continue;
        }
        if (i + 1 >= words.length || !words[i].matches("-?\\d+")) {
          return null;
        }
        long n = Long.parseLong(words[i]);
        String unit = words[++i].toLowerCase(Locale.ROOT);
        if (unit.startsWith("year")) {
          months += 12 * n;
        } else if (unit.startsWith("mon")) {
          months += n;
        } else if (unit.startsWith("day")) {
          days += n;
        } else {
          return null;
        }
      }
      return new Interval(months, days, micros);
    }
  }

  private Cells() {}

  /**
   * Reads every row of DuckDB's own driver in canonical form. That driver reads a timestamp before
   * the year 1 as the same year after Christ (44 BC as 0044); its text says {@code (BC)}, so such
   * values are turned into the proleptic years (44 BC is year -43) that java.time and Floe use.
   */
  static List<List<Object>> read(ResultSet rs, int maxRows) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    while (rs.next()) {
      if (rows.size() >= maxRows) {
        throw new SQLException("more than " + maxRows + " rows", "54000");
      }
      List<Object> row = new ArrayList<>(md.getColumnCount());
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object value = canonical(read(rs, md, i, (getter, failure) -> { }));
        if (value instanceof LocalDateTime t && t.getYear() > 0
            && String.valueOf(rs.getString(i)).contains("(BC)")) {
          value = t.withYear(1 - t.getYear());
        }
        row.add(value);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Hears each use of a typed getter: which one on which type, and its failure or null. */
  @FunctionalInterface
  interface GetterLog {
    void used(String getter, String failure);
  }

  /**
   * Reads every row of {@code rs} in canonical form. Date and time values are read with the typed
   * getters docs/jdbc.md promises ({@code getObject(i, LocalDate.class)}, ...); when one fails,
   * the value is read with the plain getter instead and {@code log} hears which getter failed, so
   * a driver bug is reported without hiding the answer behind it.
   */
  static List<List<Object>> read(ResultSet rs, int maxRows, GetterLog log) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      if (rows.size() >= maxRows) {
        throw new SQLException("more than " + maxRows + " rows", "54000");
      }
      List<Object> row = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        row.add(canonical(read(rs, md, i, log)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The column's value, with date and time types read at full precision. */
  private static Object read(ResultSet rs, ResultSetMetaData md, int i, GetterLog log)
      throws SQLException {
    int type = md.getColumnType(i);
    String typeName = String.valueOf(md.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
    Object plain = rs.getObject(i);
    if (plain == null) {
      return null;
    }
    if (plain instanceof OffsetDateTime || plain instanceof LocalDateTime || plain instanceof LocalDate
        || plain instanceof LocalTime) {
      return plain;
    }
    if (typeName.contains("INTERVAL") && plain instanceof String text) {
      Interval interval = Interval.parse(text);
      return interval == null ? text : interval;
    }
    Class<?> typed = switch (type) {
      case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.class;
      case Types.TIMESTAMP -> typeName.contains("TIME ZONE") ? OffsetDateTime.class : LocalDateTime.class;
      case Types.TIME -> LocalTime.class;
      case Types.DATE -> LocalDate.class;
      default -> null;
    };
    if (typed == null) {
      return plain;
    }
    String getter = "getObject(i, " + typed.getSimpleName() + ".class) on " + typeName;
    try {
      Object value = rs.getObject(i, typed);
      log.used(getter, null);
      return value;
    } catch (SQLException | RuntimeException e) {
      log.used(getter, e.getClass().getSimpleName() + " "
          + String.valueOf(e.getMessage()).replaceAll("@[0-9a-f]+", "@…"));
      return plain;
    }
  }

  static Object canonical(Object v) throws SQLException {
    if (v == null || v instanceof BigDecimal || v instanceof String || v instanceof Boolean
        || v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime
        || v instanceof Interval) {
      return v;
    }
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof Float f) {
      return new Approx(Double.parseDouble(Float.toString(f)), true);
    }
    if (v instanceof Double d) {
      return new Approx(d, false);
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    if (v instanceof byte[] b) {
      return new Bytes(b);
    }
    if (v instanceof Blob b) {
      return new Bytes(b.getBytes(1, (int) b.length()));
    }
    if (v instanceof java.util.UUID u) {
      return u.toString();
    }
    if (v instanceof java.sql.Struct row && isRow(row)) {
      return rowText(row);
    }
    if (v instanceof java.sql.Struct named) {
      return new NamedRow(String.valueOf(named), rowText(named));
    }
    return v.getClass().getSimpleName() + ":" + v;
  }

  /**
   * A struct with named fields ({@code {'i': 0}}, DuckDB's whole-row reference), which equals no
   * value Floe sends; {@code fields} is its values written as a row, {@code (0,)}.
   */
  record NamedRow(String text, String fields) {
    @Override public String toString() {
      return text;
    }
  }

  /** Whether a DuckDB struct is a row of unnamed fields ({@code ROW(...)}, a TUPLE). */
  private static boolean isRow(java.sql.Struct struct) throws SQLException {
    return String.valueOf(struct.getSQLTypeName()).startsWith("TUPLE(");
  }

  /**
   * A struct's values as DuckDB writes a row ({@code ROW(...)}, an unnamed struct) and Floe sends
   * it: {@code (a, NULL, 1)}, and {@code (a,)} for one field.
   */
  static String rowText(java.sql.Struct row) throws SQLException {
    StringBuilder text = new StringBuilder("(");
    Object[] fields = row.getAttributes();
    for (int i = 0; i < fields.length; i++) {
      Object field = fields[i];
      text.append(i == 0 ? "" : ", ").append(field instanceof java.sql.Struct inner && isRow(inner)
          ? rowText(inner) : field == null ? "NULL" : String.valueOf(field));
    }
    return text.append(fields.length == 1 ? ",)" : ")").toString();
  }

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
        return x.compareTo(y) == 0;
      }
      boolean real = a instanceof Approx p && p.real() || b instanceof Approx q && q.real();
      return close(toDouble(a), toDouble(b), real ? REAL_TOLERANCE : DOUBLE_TOLERANCE);
    }
    // an interval one side types as INTERVAL and the other sends as text
    if (a instanceof Interval && b instanceof String s) {
      return a.equals(Interval.parse(s));
    }
    if (b instanceof Interval && a instanceof String s) {
      return b.equals(Interval.parse(s));
    }
    return a.equals(b);
  }

  private static boolean close(double x, double y, double tolerance) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    if (Double.isInfinite(x) || Double.isInfinite(y)) {
      return x == y;
    }
    double diff = Math.abs(x - y);
    return diff <= tolerance * Math.max(Math.abs(x), Math.abs(y)) || diff < 1e-12;
  }

  static boolean isNumber(Object v) {
    return v instanceof BigDecimal || v instanceof Approx;
  }

  static double toDouble(Object v) {
    return v instanceof Approx a ? a.value() : ((BigDecimal) v).doubleValue();
  }

  /**
   * A key that sorts equal values together on both sides: numbers by their value rounded to 10
   * digits (so values equal within the tolerance usually sort alike), everything else by type,
   * then text.
   */
  static String sortKey(Object v) {
    if (v == null) {
      return "0";
    }
    if (isNumber(v)) {
      double d = toDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "1" + d;
      }
      BigDecimal rounded = new BigDecimal(d).round(new MathContext(10));
      // order-preserving text: sign, exponent, digits
      String digits = rounded.unscaledValue().abs().toString();
      int exponent = digits.length() - rounded.scale() + 1000;
      String body = String.format(Locale.ROOT, "%04d%-12s", exponent, digits).replace(' ', '0');
      return rounded.signum() == 0 ? "2" : rounded.signum() > 0 ? "3" + body : "1" + invert(body);
    }
    return "4" + v.getClass().getSimpleName() + ":" + v;
  }

  private static String invert(String digits) {
    StringBuilder b = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      b.append((char) ('9' - c + '0'));
    }
    return b.toString();
  }

  static String render(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Approx a) {
      return Double.toString(a.value()) + (a.real() ? "f" : "");
    }
    if (v instanceof String s) {
      StringBuilder b = new StringBuilder("'");
      for (char c : s.toCharArray()) {
        if (c == '\'') {
          b.append("''");
        } else if (Character.isISOControl(c)) {
          b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('\'').toString();
    }
    return v.toString();
  }

  static String render(List<Object> row) {
    List<String> parts = new ArrayList<>(row.size());
    for (Object v : row) {
      parts.add(render(v));
    }
    return "(" + String.join(", ", parts) + ")";
  }
}
