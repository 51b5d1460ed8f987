package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as the catalog stores it. Precision and scale apply to DECIMAL only; every other
 * type has them as 0. The catalog, not DuckDB's JDBC metadata, is the source of truth for types.
 */
public record ColumnType(TypeName name, int precision, int scale) {
  public static final int MAX_DECIMAL_PRECISION = 38;
  public static final int DEFAULT_DECIMAL_PRECISION = 18;
  public static final int DEFAULT_DECIMAL_SCALE = 3;

  private static final Pattern DECIMAL =
      Pattern.compile("(?:DECIMAL|NUMERIC)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");
  private static final Pattern VARCHAR_WITH_LENGTH =
      Pattern.compile("(?:VARCHAR|CHARACTER VARYING|STRING|TEXT)\\s*\\(\\s*\\d+\\s*\\)");

  private static final Map<String, TypeName> ALIASES = Map.ofEntries(
      Map.entry("BOOLEAN", TypeName.BOOLEAN), Map.entry("BOOL", TypeName.BOOLEAN),
      Map.entry("SMALLINT", TypeName.SMALLINT), Map.entry("INT2", TypeName.SMALLINT),
      Map.entry("INTEGER", TypeName.INTEGER), Map.entry("INT", TypeName.INTEGER),
      Map.entry("INT4", TypeName.INTEGER),
      Map.entry("BIGINT", TypeName.BIGINT), Map.entry("INT8", TypeName.BIGINT),
      Map.entry("REAL", TypeName.REAL), Map.entry("FLOAT4", TypeName.REAL),
      Map.entry("FLOAT", TypeName.DOUBLE), Map.entry("DOUBLE", TypeName.DOUBLE),
      Map.entry("DOUBLE PRECISION", TypeName.DOUBLE), Map.entry("FLOAT8", TypeName.DOUBLE),
      Map.entry("VARCHAR", TypeName.VARCHAR), Map.entry("TEXT", TypeName.VARCHAR),
      Map.entry("STRING", TypeName.VARCHAR), Map.entry("CHARACTER VARYING", TypeName.VARCHAR),
      Map.entry("DATE", TypeName.DATE),
      Map.entry("TIME", TypeName.TIME),
      Map.entry("TIMESTAMP", TypeName.TIMESTAMP), Map.entry("DATETIME", TypeName.TIMESTAMP),
      Map.entry("TIMESTAMP WITHOUT TIME ZONE", TypeName.TIMESTAMP),
      Map.entry("TIMESTAMPTZ", TypeName.TIMESTAMPTZ),
      Map.entry("TIMESTAMP WITH TIME ZONE", TypeName.TIMESTAMPTZ),
      Map.entry("UUID", TypeName.UUID),
      Map.entry("JSON", TypeName.JSON),
      Map.entry("BLOB", TypeName.BLOB), Map.entry("BYTEA", TypeName.BLOB),
      Map.entry("VARBINARY", TypeName.BLOB));

  public ColumnType {
    requireNonNull(name, "name");
    if (name == TypeName.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT,
            "DECIMAL precision must be between 1 and %d, got %d", MAX_DECIMAL_PRECISION, precision);
      }
      if (scale < 0 || scale > precision) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT,
            "DECIMAL scale must be between 0 and the precision %d, got %d", precision, scale);
      }
    } else if (precision != 0 || scale != 0) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "%s takes no precision or scale", name);
    }
  }

  public static ColumnType of(TypeName name) {
    return new ColumnType(name, 0, 0);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(TypeName.DECIMAL, precision, scale);
  }

  /**
   * Parses a type as users write it ({@code INTEGER}, {@code DECIMAL(38,10)}, {@code TEXT},
   * {@code TIMESTAMP WITH TIME ZONE}, ...). Unknown types fail with {@link ErrorCode#INVALID_ARGUMENT}.
   */
  public static ColumnType parse(String text) {
    if (text == null || text.isBlank()) {
      throw FloeException.invalid("column type is missing");
    }
    String normalized = text.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(normalized);
    if (decimal.matches()) {
      if (decimal.group(1) == null) {
        return decimal(DEFAULT_DECIMAL_PRECISION, DEFAULT_DECIMAL_SCALE);
      }
      int precision = parseBounded(decimal.group(1), text);
      int scale = decimal.group(2) == null ? 0 : parseBounded(decimal.group(2), text);
      return decimal(precision, scale);
    }
    if (VARCHAR_WITH_LENGTH.matcher(normalized).matches()) {
      // DuckDB does not enforce VARCHAR lengths; Floe stores every string as unbounded VARCHAR.
      return of(TypeName.VARCHAR);
    }
    TypeName name = ALIASES.get(normalized);
    if (name == null) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT,
          "unknown column type '%s'; supported: BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, "
              + "DECIMAL(p,s), VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID, JSON, BLOB", text);
    }
    return of(name);
  }

  private static int parseBounded(String digits, String original) {
    if (digits.length() > 3) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "type '%s' is out of range", original);
    }
    return Integer.parseInt(digits);
  }

  /** The type as DuckDB DDL spells it. */
  public String toDuckDb() {
    return name == TypeName.DECIMAL
        ? "DECIMAL(" + precision + "," + scale + ")"
        : name.duckDbName();
  }

  /** Canonical text, also what the catalog stores and what REST returns. */
  @Override public String toString() {
    return name == TypeName.DECIMAL
        ? "DECIMAL(" + precision + "," + scale + ")"
        : name.name();
  }
}
