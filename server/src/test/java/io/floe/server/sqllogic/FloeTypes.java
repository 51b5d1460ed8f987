package io.floe.server.sqllogic;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DuckDB column types as Floe tables can hold them. A few integer types Floe lacks are widened on
 * both sides (the reference's column is altered too, so both engines see the same type); any
 * other type makes the table unsupported.
 */
final class FloeTypes {
  /** A Floe type, and the DuckDB type the reference column must first be altered to (or null). */
  record Mapping(String floeType, String widenReferenceTo) {}

  private static final Map<String, String> SAME = Map.ofEntries(
      Map.entry("BOOLEAN", "BOOLEAN"), Map.entry("SMALLINT", "SMALLINT"),
      Map.entry("INTEGER", "INTEGER"), Map.entry("BIGINT", "BIGINT"), Map.entry("FLOAT", "REAL"),
      Map.entry("DOUBLE", "DOUBLE"), Map.entry("VARCHAR", "VARCHAR"), Map.entry("DATE", "DATE"),
      Map.entry("TIME", "TIME"), Map.entry("TIMESTAMP", "TIMESTAMP"),
      Map.entry("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"), Map.entry("UUID", "UUID"),
      Map.entry("JSON", "JSON"), Map.entry("BLOB", "BLOB"));

  /** Integer types Floe lacks, widened to one that holds every value. */
  private static final Map<String, String> WIDENED = Map.of(
      "TINYINT", "SMALLINT", "UTINYINT", "SMALLINT", "USMALLINT", "INTEGER", "UINTEGER", "BIGINT");

  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

  private FloeTypes() {}

  static Optional<Mapping> of(String duckDbType) {
    String t = duckDbType.toUpperCase(Locale.ROOT).replace(" ", "");
    String spaced = duckDbType.toUpperCase(Locale.ROOT);
    if (SAME.containsKey(spaced)) {
      return Optional.of(new Mapping(SAME.get(spaced), null));
    }
    if (DECIMAL.matcher(t).matches()) {
      return Optional.of(new Mapping(t, null));
    }
    if (WIDENED.containsKey(spaced)) {
      return Optional.of(new Mapping(WIDENED.get(spaced), WIDENED.get(spaced)));
    }
    return Optional.empty();
  }
}
