package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * P3: reading many rows of four columns (BIGINT, DECIMAL, VARCHAR, DATE) to the client, Floe
 * through jdbc:floe vs PostgreSQL through pgjdbc (cursor fetch, 10,000 rows per round trip), and
 * DuckDB in-process for scale.
 */
final class BulkFetch {
  static final String SQL = "select id, price, name, day from bulk";

  private BulkFetch() {}

  /** Reads every row, touching every value; returns rows/s. */
  static double rate(Connection c, boolean cursor) throws SQLException {
    return rate(c, cursor, SQL);
  }

  static double rate(Connection c, boolean cursor, String sql) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (cursor) {
      c.setAutoCommit(false);
    }
    long t0 = System.nanoTime();
    long rows = 0;
    long checksum = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          checksum += rs.getLong(1);
          checksum += rs.getBigDecimal(2).unscaledValue().longValue();
          checksum += rs.getString(3).length();
          checksum += rs.getDate(4).getTime();
          rows++;
        }
      }
    } finally {
      if (cursor) {
        c.commit();
        c.setAutoCommit(autoCommit);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (checksum == 42) {
      Log.info("unlikely checksum");
    }
    return rows / seconds;
  }

  /** Generates the bulk table and loads it into Floe, the DuckDB reference and PostgreSQL. */
  static void load(Bench b, FloeRest rest, Path workDir) throws Exception {
    Path csv = TpchData.bulk(workDir, b.settings().bulkRows());
    if (rest.rows(Bench.PROJECT, Bench.BUCKET, "bulk") != b.settings().bulkRows()) {
      rest.table(Bench.PROJECT, Bench.BUCKET, TpchData.BULK);
      rest.importCsv(Bench.PROJECT, Bench.BUCKET, "bulk", csv);
    }
    try (Statement s = b.duck().connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bulk");
      s.execute(TpchData.BULK.ddl("bulk"));
      s.execute("INSERT INTO bulk SELECT * FROM read_csv('" + csv + "', header = true, auto_detect = false, "
          + "columns = " + Reference.columns(TpchData.BULK) + ")");
    }
    if (b.pg() != null) {
      b.pg().load(TpchData.BULK, csv);
    }
  }

  static void run(Bench b, FloeRest rest, Path workDir) throws Exception {
    Log.info("P3: bulk fetch of %,d rows", b.settings().bulkRows());
    load(b, rest, workDir);
    ObjectNode section = b.report().section("p3_bulk_fetch");
    section.put("rows", b.settings().bulkRows());
    List<Double> floe = new ArrayList<>();
    List<Double> pg = new ArrayList<>();
    List<Double> duck = new ArrayList<>();
    try (Connection f = b.driver().connect(Bench.BUCKET); Connection d = b.duck().session();
         Connection p = b.pg() == null ? null : b.pg().connect()) {
      rate(f, false);
      if (p != null) {
        rate(p, true);
      }
      for (int i = 0; i < b.settings().repetitions(); i++) {
        floe.add(rate(f, false));
        if (p != null) {
          pg.add(rate(p, true));
        }
        duck.add(rate(d, false));
      }
    }
    double fm = Stats.median(floe);
    section.putPOJO("floe_rows_per_s", floe).putPOJO("postgresql_rows_per_s", pg)
        .putPOJO("duckdb_rows_per_s", duck);
    if (b.pg() != null) {
      double pm = Stats.median(pg);
      b.report().add(new Report.Line("P3", "bulk fetch rows/s (jdbc:floe)", fm, pm, "PostgreSQL pgjdbc",
          ">= 1.0x", fm >= pm));
    } else {
      b.report().add(new Report.Line("P3", "bulk fetch rows/s (jdbc:floe)", fm, Double.NaN,
          "PostgreSQL missing", ">= 1.0x", null));
    }
    b.report().add(new Report.Line("P3", "bulk fetch rows/s (jdbc:floe)", fm, Stats.median(duck),
        "DuckDB JDBC", null, null));
  }
}
