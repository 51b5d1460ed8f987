package io.floe.bench;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TPC-H data, generated in Java (Trino's port of dbgen) into one CSV file per table, with the
 * types of the TPC-H specification: keys BIGINT, money and quantities DECIMAL(15,2), dates DATE.
 * Files are kept under the work directory and reused for the same scale factor.
 */
final class TpchData {
  /** A column: its name and its type, written the same way for Floe, DuckDB and PostgreSQL. */
  record Column(String name, String type) {}

  /** A table: name, columns and primary key. */
  record Table(String name, List<Column> columns, List<String> primaryKey) {
    String ddl(String qualifiedName) {
      List<String> defs = new ArrayList<>();
      for (Column c : columns) {
        defs.add(c.name() + " " + c.type());
      }
      return "CREATE TABLE " + qualifiedName + " (" + String.join(", ", defs) + ")";
    }
  }

  private static final Map<String, List<String>> PRIMARY_KEYS = Map.of(
      "region", List.of("r_regionkey"), "nation", List.of("n_nationkey"),
      "part", List.of("p_partkey"), "supplier", List.of("s_suppkey"),
      "partsupp", List.of("ps_partkey", "ps_suppkey"), "customer", List.of("c_custkey"),
      "orders", List.of("o_orderkey"), "lineitem", List.of("l_orderkey", "l_linenumber"));

  private TpchData() {}

  static List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    for (TpchTable<?> t : TpchTable.getTables()) {
      List<Column> columns = new ArrayList<>();
      for (TpchColumn<?> c : t.getColumns()) {
        columns.add(new Column(c.getColumnName(), type(c.getType())));
      }
      tables.add(new Table(t.getTableName(), columns, PRIMARY_KEYS.get(t.getTableName())));
    }
    return tables;
  }

  private static String type(TpchColumnType type) {
    return switch (type.getBase()) {
      case IDENTIFIER -> "BIGINT";
      case INTEGER -> "INTEGER";
      case DOUBLE -> "DECIMAL(15,2)";
      case DATE -> "DATE";
      case VARCHAR -> "VARCHAR";
    };
  }

  /** Writes every table's CSV for {@code scale} into {@code dir} unless already there. */
  static Path generate(Path workDir, double scale) throws IOException {
    Path dir = workDir.resolve("tpch-sf" + format(scale));
    Path done = dir.resolve(".complete");
    if (Files.exists(done)) {
      return dir;
    }
    Files.createDirectories(dir);
    for (TpchTable<?> table : TpchTable.getTables()) {
      long t0 = System.nanoTime();
      long rows = write(table, scale, dir.resolve(table.getTableName() + ".csv"));
      Log.info("generated %s: %,d rows in %.1f s", table.getTableName(), rows, (System.nanoTime() - t0) / 1e9);
    }
    Files.writeString(done, "sf=" + scale + "\n");
    return dir;
  }

  static String format(double scale) {
    return scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale);
  }

  private static <E extends TpchEntity> long write(TpchTable<E> table, double scale, Path file)
      throws IOException {
    List<TpchColumn<E>> columns = table.getColumns();
    long rows = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>();
      for (TpchColumn<E> c : columns) {
        header.add(c.getColumnName());
      }
      out.write(String.join(",", header));
      out.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (E e : table.createGenerator(scale, 1, 1)) {
        line.setLength(0);
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) {
            line.append(',');
          }
          TpchColumn<E> c = columns.get(i);
          switch (c.getType().getBase()) {
            case IDENTIFIER -> line.append(c.getIdentifier(e));
            case INTEGER -> line.append(c.getInteger(e));
            case DOUBLE -> line.append(BigDecimal.valueOf(c.getDouble(e)).setScale(2, RoundingMode.HALF_UP)
                .toPlainString());
            case DATE -> line.append(LocalDate.ofEpochDay(c.getDate(e)));
            case VARCHAR -> quote(line, c.getString(e));
          }
        }
        line.append('\n');
        out.append(line);
        rows++;
      }
    }
    return rows;
  }

  static void quote(StringBuilder out, String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      out.append(value);
      return;
    }
    out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  /** The bulk-fetch table for P3: {@code rows} rows of (BIGINT, DECIMAL, VARCHAR, DATE). */
  static Path bulk(Path workDir, long rows) throws IOException {
    Path file = workDir.resolve("bulk-" + rows + ".csv");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = workDir.resolve("bulk-" + rows + ".csv.tmp");
    java.util.Random random = new java.util.Random(42);
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      out.write("id,price,name,day\n");
      StringBuilder line = new StringBuilder(64);
      for (long i = 1; i <= rows; i++) {
        line.setLength(0);
        line.append(i).append(',')
            .append(random.nextInt(10_000_000) / 100).append('.')
            .append(String.format(Locale.ROOT, "%02d", random.nextInt(100)))
            .append(",name-").append(Long.toString(random.nextLong() & 0xffffffffffL, 36))
            .append(',').append(LocalDate.ofEpochDay(8000 + random.nextInt(3000))).append('\n');
        out.append(line);
      }
    }
    Files.move(tmp, file);
    return file;
  }

  static final Table BULK = new Table("bulk", List.of(new Column("id", "BIGINT"),
      new Column("price", "DECIMAL(15,2)"), new Column("name", "VARCHAR"), new Column("day", "DATE")),
      List.of());
}
