package io.floe.server.sqllogic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The typed tables generated queries run over: {@code g1}, {@code g2}, {@code g3}, all with the
 * same columns (so any alias has every column), NULLs in every column but {@code id}, join keys
 * that partly match, decimals, doubles that are exact binary fractions (so sums do not depend on
 * the order of addition), strings with case, blanks and wildcards, and dates.
 */
final class GeneratedTables {
  /** A column: its name and the kind of value it holds. */
  record Column(String name, Kind kind) {}

  /** What kind of value an expression has. */
  enum Kind { INT, BIGINT, DECIMAL, DOUBLE, STRING, DATE, BOOLEAN;

    boolean numeric() {
      return this == INT || this == BIGINT || this == DECIMAL || this == DOUBLE;
    }
  }

  static final List<String> TABLES = List.of("g1", "g2", "g3");
  static final List<Integer> ROWS = List.of(30, 24, 15);
  static final List<Column> COLUMNS = List.of(new Column("id", Kind.INT), new Column("i", Kind.INT),
      new Column("j", Kind.INT), new Column("b", Kind.BIGINT), new Column("d", Kind.DECIMAL),
      new Column("e", Kind.DECIMAL), new Column("f", Kind.DOUBLE), new Column("s", Kind.STRING),
      new Column("dt", Kind.DATE), new Column("bo", Kind.BOOLEAN));
  static final List<String> STRINGS = List.of("", "a", "A", "abc", "Abc", "b", "ba", "hello",
      "Hello World", "x%y", "under_score", " lead", "trail ", "\u00fcber", "zz", "10", "9");

  private static final String DDL = "(id INTEGER NOT NULL, i INTEGER, j INTEGER, b BIGINT, "
      + "d DECIMAL(10,2), e DECIMAL(18,4), f DOUBLE, s VARCHAR, dt DATE, bo BOOLEAN)";

  private GeneratedTables() {}

  /** CREATE TABLE and INSERT statements for the three tables, from {@code seed}. */
  static List<String> setup(long seed) {
    Random r = new Random(seed);
    List<String> statements = new ArrayList<>();
    for (int t = 0; t < TABLES.size(); t++) {
      statements.add("CREATE TABLE " + TABLES.get(t) + " " + DDL);
      List<String> rows = new ArrayList<>();
      for (int id = 1; id <= ROWS.get(t); id++) {
        rows.add("(" + id + ", " + String.join(", ", row(r)) + ")");
      }
      statements.add("INSERT INTO " + TABLES.get(t) + " VALUES " + String.join(", ", rows));
    }
    return statements;
  }

  private static List<String> row(Random r) {
    List<String> v = new ArrayList<>();
    v.add(orNull(r, Integer.toString(r.nextInt(13))));
    v.add(orNull(r, Integer.toString(r.nextInt(7))));
    long big = r.nextInt(4) == 0 ? (r.nextBoolean() ? 1 : -1) * (1_000_000_000L + r.nextInt(1_000_000_000))
        * 1000L : r.nextInt(2001) - 1000;
    v.add(orNull(r, Long.toString(big)));
    v.add(orNull(r, String.format(Locale.ROOT, "%.2f", (r.nextInt(200_001) - 100_000) / 100.0)));
    v.add(orNull(r, java.math.BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, 4).toPlainString()));
    v.add(orNull(r, Double.toString((r.nextInt(1601) - 800) / 8.0)));
    v.add(orNull(r, "'" + STRINGS.get(r.nextInt(STRINGS.size())).replace("'", "''") + "'"));
    v.add(orNull(r, "DATE '" + LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1500)) + "'"));
    v.add(r.nextInt(5) == 0 ? "NULL" : Boolean.toString(r.nextBoolean()));
    return v;
  }

  private static String orNull(Random r, String value) {
    return r.nextInt(7) == 0 ? "NULL" : value;
  }
}
