package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.admin.TableProfiles;
import io.floe.engine.api.admin.TableProfiles.Bin;
import io.floe.engine.api.admin.TableProfiles.ColumnProfile;
import io.floe.engine.api.admin.TableProfiles.Lengths;
import io.floe.engine.api.admin.TableProfiles.TableProfile;
import io.floe.engine.api.admin.TableProfiles.TopValue;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.session.DuckDbQueries;
import io.floe.engine.storage.DuckDbSql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a table's profile in DuckDB, over the table's own file: one count, one aggregate query
 * for every column's scalar statistics over the whole table, and per column one query for its top
 * values and one for its histogram. A table over {@link Limits#sampleAbove} rows is sampled first
 * (a reservoir sample kept in a temporary table of the connection) for quantiles, top values and
 * histograms; counts, nulls, distinct values, ranges and moments are always the whole table's.
 */
final class TableProfiler {
  /**
   * When to sample and when to count distinct values exactly.
   *
   * @param sampleAbove tables with more rows than this are sampled
   * @param sampleRows rows of that sample
   * @param exactDistinctUpTo tables with at most this many rows get exact distinct counts; larger
   *     ones DuckDB's {@code approx_count_distinct}
   */
  record Limits(long sampleAbove, int sampleRows, long exactDistinctUpTo) {
    static final Limits DEFAULTS = new Limits(1_000_000, 100_000, 1_000_000);

    Limits {
      if (sampleAbove < 1 || sampleRows < 1 || exactDistinctUpTo < 0) {
        throw new IllegalArgumentException("profile limits must be positive");
      }
    }
  }

  static final String SAMPLE_METHOD = "reservoir";
  private static final String SAMPLE_TABLE = "temp.main.floe_profile_sample";
  private static final double[] LEVELS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

  private final Limits limits;

  TableProfiler(Limits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /** What a column's type allows to compute. */
  private enum Kind {
    INTEGER, FLOATING, DECIMAL, BOOLEAN, TEXT, DATE, TIMESTAMP, TIMESTAMPTZ, OTHER, BLOB;

    static Kind of(ColumnDef c) {
      return switch (c.type().name()) {
        case SMALLINT, INTEGER, BIGINT -> INTEGER;
        case REAL, DOUBLE -> FLOATING;
        case DECIMAL -> DECIMAL;
        case BOOLEAN -> BOOLEAN;
        case VARCHAR, JSON -> TEXT;
        case DATE -> DATE;
        case TIMESTAMP -> TIMESTAMP;
        case TIMESTAMPTZ -> TIMESTAMPTZ;
        case TIME, UUID -> OTHER;
        case BLOB -> BLOB;
      };
    }

    boolean numeric() {
      return this == INTEGER || this == FLOATING || this == DECIMAL;
    }

    boolean histogram() {
      return numeric() || this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ;
    }

    /** Values that go into JSON as they are (numbers, booleans); others as DuckDB's text. */
    boolean jsonNative() {
      return numeric() || this == BOOLEAN;
    }
  }

  /** Positions of one column's statistics in the aggregate query's row. */
  private static final class Slots {
    int nonNull;
    int distinct;
    int min;
    int max;
    int mean = -1;
    int stddev = -1;
    int quantiles = -1;
    int lengthMin = -1;
    int lengthAvg = -1;
    int lengthMax = -1;
    int histMin = -1;
    int histMax = -1;
  }

  TableProfile profile(DuckDbQueries q, TableDef table, Instant now) throws SQLException {
    String from = DuckDbSql.table(table.duckDbCatalog(), table.name());
    long rows = q.query("SELECT count(*) FROM " + from, List.of(), rs -> {
      rs.next();
      return rs.getLong(1);
    });
    boolean sampled = rows > limits.sampleAbove();
    boolean exactDistinct = rows <= limits.exactDistinctUpTo();
    String source = from;
    Long sampleRows = null;
    if (sampled) {
      q.execute("CREATE OR REPLACE TEMP TABLE floe_profile_sample AS SELECT * FROM " + from
          + " USING SAMPLE " + SAMPLE_METHOD + "(" + limits.sampleRows() + " ROWS)");
      source = SAMPLE_TABLE;
      sampleRows = q.query("SELECT count(*) FROM " + source, List.of(), rs -> {
        rs.next();
        return rs.getLong(1);
      });
    }
    List<ColumnDef> columns = table.columns();
    List<String> select = new ArrayList<>();
    List<Slots> slots = new ArrayList<>();
    for (ColumnDef c : columns) {
      slots.add(scalarSlots(c, select, exactDistinct, !sampled));
    }
    Object[] scalars = q.query("SELECT " + String.join(", ", select) + " FROM " + from, List.of(),
        rs -> {
          rs.next();
          Object[] row = new Object[select.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
          }
          return row;
        });
    Object[] sampledQuantiles = sampled ? sampleQuantiles(q, columns, source) : null;
    List<ColumnProfile> profiles = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      Slots s = slots.get(i);
      Kind kind = Kind.of(c);
      long nonNull = ((Number) scalars[s.nonNull]).longValue();
      long nulls = rows - nonNull;
      Map<String, Double> quantiles = null;
      if (kind.numeric()) {
        quantiles = quantiles(sampled ? sampledQuantiles[i] : scalars[s.quantiles]);
      }
      Lengths length = kind == Kind.TEXT ? new Lengths(asLong(scalars[s.lengthMin]),
          asDouble(scalars[s.lengthAvg]), asLong(scalars[s.lengthMax])) : null;
      List<TopValue> top = kind == Kind.BLOB ? null : topValues(q, c, kind, source);
      List<Bin> histogram = kind.histogram()
          ? histogram(q, c, kind, source, asDouble(scalars[s.histMin]), asDouble(scalars[s.histMax]))
          : null;
      profiles.add(new ColumnProfile(c.name(), c.type().toString(), nulls,
          rows == 0 ? 0.0 : (double) nulls / rows, ((Number) scalars[s.distinct]).longValue(),
          exactDistinct, json(scalars[s.min]), json(scalars[s.max]),
          s.mean < 0 ? null : asDouble(scalars[s.mean]),
          s.stddev < 0 ? null : asDouble(scalars[s.stddev]), quantiles, length, top, histogram));
    }
    return new TableProfile(rows, now, false, sampled, sampleRows, sampled ? SAMPLE_METHOD : null,
        profiles);
  }

  private static Slots scalarSlots(ColumnDef c, List<String> select, boolean exactDistinct,
      boolean withQuantiles) {
    Kind kind = Kind.of(c);
    String col = DuckDbSql.ident(c.name());
    Slots s = new Slots();
    s.nonNull = add(select, "count(" + col + ")");
    s.distinct = add(select, exactDistinct ? "count(DISTINCT " + col + ")"
        : "approx_count_distinct(" + col + ")");
    if (kind == Kind.BLOB) {
      s.min = add(select, "NULL");
      s.max = add(select, "NULL");
    } else if (kind.jsonNative()) {
      s.min = add(select, "min(" + col + ")");
      s.max = add(select, "max(" + col + ")");
    } else if (kind == Kind.TEXT) {
      s.min = add(select, "min(CAST(" + col + " AS VARCHAR))");
      s.max = add(select, "max(CAST(" + col + " AS VARCHAR))");
    } else {
      s.min = add(select, "CAST(min(" + col + ") AS VARCHAR)");
      s.max = add(select, "CAST(max(" + col + ") AS VARCHAR)");
    }
    if (kind.numeric()) {
      String d = "CAST(" + col + " AS DOUBLE)";
      s.mean = add(select, "avg(" + d + ")");
      s.stddev = add(select, "stddev_samp(" + d + ")");
      if (withQuantiles) {
        s.quantiles = add(select, quantileSql(col));
      }
    }
    if (kind == Kind.TEXT) {
      String len = "length(CAST(" + col + " AS VARCHAR))";
      s.lengthMin = add(select, "min(" + len + ")");
      s.lengthAvg = add(select, "avg(" + len + ")");
      s.lengthMax = add(select, "max(" + len + ")");
    }
    if (kind.histogram()) {
      String v = histogramValue(col, kind);
      String filter = kind == Kind.FLOATING ? " FILTER (WHERE isfinite(" + v + "))" : "";
      s.histMin = add(select, "min(" + v + ")" + filter);
      s.histMax = add(select, "max(" + v + ")" + filter);
    }
    return s;
  }

  private static int add(List<String> select, String expression) {
    select.add(expression);
    return select.size() - 1;
  }

  private static String quantileSql(String col) {
    StringBuilder levels = new StringBuilder();
    for (double level : LEVELS) {
      levels.append(levels.length() == 0 ? "" : ", ").append(level);
    }
    return "quantile_cont(CAST(" + col + " AS DOUBLE), [" + levels + "])";
  }

  /** A histogram's value as a double: the number, or microseconds since 1970 for dates and times. */
  private static String histogramValue(String col, Kind kind) {
    return switch (kind) {
      case DATE -> "CAST(epoch_us(CAST(" + col + " AS TIMESTAMP)) AS DOUBLE)";
      case TIMESTAMP, TIMESTAMPTZ -> "CAST(epoch_us(" + col + ") AS DOUBLE)";
      default -> "CAST(" + col + " AS DOUBLE)";
    };
  }

  /** Quantiles of every numeric column over the sample, in one query; null for other columns. */
  private static Object[] sampleQuantiles(DuckDbQueries q, List<ColumnDef> columns, String source)
      throws SQLException {
    List<String> select = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (ColumnDef c : columns) {
      at.add(Kind.of(c).numeric() ? add(select, quantileSql(DuckDbSql.ident(c.name()))) : -1);
    }
    Object[] result = new Object[columns.size()];
    if (select.isEmpty()) {
      return result;
    }
    Object[] row = q.query("SELECT " + String.join(", ", select) + " FROM " + source, List.of(),
        rs -> {
          rs.next();
          Object[] values = new Object[select.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = rs.getObject(i + 1);
          }
          return values;
        });
    for (int i = 0; i < columns.size(); i++) {
      result[i] = at.get(i) < 0 ? null : row[at.get(i)];
    }
    return result;
  }

  private static Map<String, Double> quantiles(Object list) throws SQLException {
    Map<String, Double> result = new LinkedHashMap<>();
    Object[] values = list == null ? null
        : list instanceof Array a ? (Object[]) a.getArray() : (Object[]) list;
    for (int i = 0; i < LEVELS.length; i++) {
      result.put(TableProfiles.QUANTILES.get(i), values == null ? null : asDouble(values[i]));
    }
    return result;
  }

  private static List<TopValue> topValues(DuckDbQueries q, ColumnDef c, Kind kind, String source)
      throws SQLException {
    String col = DuckDbSql.ident(c.name());
    String value = kind.jsonNative() ? col : "CAST(" + col + " AS VARCHAR)";
    return q.query("SELECT " + value + ", count(*) AS n FROM " + source + " WHERE " + col
        + " IS NOT NULL GROUP BY " + col + " ORDER BY n DESC, " + col + " ASC LIMIT "
        + TableProfiles.TOP_VALUES, List.of(), rs -> {
          List<TopValue> top = new ArrayList<>();
          while (rs.next()) {
            top.add(new TopValue(json(rs.getObject(1)), rs.getLong(2)));
          }
          return top;
        });
  }

  /**
   * Equal-width bins over [{@code min}, {@code max}] (the whole table's), counted over
   * {@code source}: empty when the column has no values, one bin when min equals max.
   */
  private static List<Bin> histogram(DuckDbQueries q, ColumnDef c, Kind kind, String source,
      Double min, Double max) throws SQLException {
    if (min == null || max == null) {
      return List.of();
    }
    int bins = min.equals(max) ? 1 : TableProfiles.HISTOGRAM_BINS;
    double width = bins == 1 ? 1.0 : (max - min) / bins;
    String v = histogramValue(DuckDbSql.ident(c.name()), kind);
    String finite = kind == Kind.FLOATING ? " AND isfinite(" + v + ")" : "";
    long[] counts = q.query("SELECT least(greatest(CAST(floor((" + v + " - ?) / ?) AS BIGINT), 0), "
        + (bins - 1) + ") AS bin, count(*) FROM " + source + " WHERE " + v + " IS NOT NULL"
        + finite + " GROUP BY 1", List.of(min, width), rs -> {
          long[] n = new long[bins];
          while (rs.next()) {
            n[rs.getInt(1)] += rs.getLong(2);
          }
          return n;
        });
    List<Bin> result = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      double lower = i == 0 ? min : min + width * i;
      double upper = i == bins - 1 ? max : min + width * (i + 1);
      result.add(new Bin(edge(lower, kind), edge(upper, kind), counts[i]));
    }
    return result;
  }

  /** A bin edge: a number, or for dates and timestamps text in DuckDB's style. */
  private static Object edge(double value, Kind kind) {
    if (kind.numeric()) {
      return value;
    }
    long micros = Math.round(value);
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    if (kind == Kind.DATE && t.toLocalTime().toNanoOfDay() == 0) {
      return t.toLocalDate().toString();
    }
    String text = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(),
        t.getMinute(), t.getSecond());
    int fraction = t.getNano() / 1000;
    if (fraction != 0) {
      text += "." + String.format("%06d", fraction).replaceAll("0+$", "");
    }
    return kind == Kind.TIMESTAMPTZ ? text + "+00" : text;
  }

  /** A value as JSON takes it: numbers and booleans as they are, non-finite numbers as text. */
  static Object json(Object value) {
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return d.toString();
    }
    if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      return f.toString();
    }
    if (value == null || value instanceof Number || value instanceof Boolean
        || value instanceof String) {
      return value;
    }
    return value.toString();
  }

  private static Long asLong(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static Double asDouble(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
  }
}
