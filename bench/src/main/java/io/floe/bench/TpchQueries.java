package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * P2: the 22 TPC-H queries (standard substitution parameters; a few ORDER BYs get a tie-breaker so
 * answers compare row by row), Floe through jdbc:floe vs DuckDB in-process, answers checked equal.
 */
final class TpchQueries {
  private TpchQueries() {}

  static List<String> all() throws IOException {
    List<String> queries = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      try (InputStream in = TpchQueries.class.getResourceAsStream(String.format("tpch/q%02d.sql", i))) {
        queries.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    }
    return queries;
  }

  static long time(Statement s, String sql) throws SQLException {
    long t0 = System.nanoTime();
    try (ResultSet rs = s.executeQuery(sql)) {
      SmallQueries.consume(rs);
    }
    return System.nanoTime() - t0;
  }

  static void run(Bench b) throws Exception {
    Log.info("P2: TPC-H");
    ObjectNode section = b.report().section("p2_tpch");
    List<String> queries = all();
    double floeTotal = 0;
    double duckTotal = 0;
    int wrong = 0;
    try (Connection floe = b.driver().connect(Bench.BUCKET); Statement fs = floe.createStatement();
         Connection duck = b.duck().session(); Statement ds = duck.createStatement()) {
      for (int q = 1; q <= 22; q++) {
        String sql = queries.get(q - 1);
        List<List<Object>> floeRows;
        try (ResultSet rs = fs.executeQuery(sql)) {
          floeRows = Answers.read(rs);
        }
        List<List<Object>> duckRows;
        try (ResultSet rs = ds.executeQuery(sql)) {
          duckRows = Answers.read(rs);
        }
        String difference = Answers.difference(floeRows, duckRows);
        if (difference != null) {
          wrong++;
          Log.info("Q%d: answers differ: %s", q, difference);
        }
        List<Double> f = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < b.settings().repetitions(); i++) {
          if (i % 2 == 0) {
            f.add(Stats.millis(time(fs, sql)));
            d.add(Stats.millis(time(ds, sql)));
          } else {
            d.add(Stats.millis(time(ds, sql)));
            f.add(Stats.millis(time(fs, sql)));
          }
        }
        double fm = Stats.median(f);
        double dm = Stats.median(d);
        floeTotal += fm;
        duckTotal += dm;
        ObjectNode n = section.putObject("q" + q);
        n.put("floe_median_ms", fm).put("duckdb_median_ms", dm).put("ratio", fm / dm)
            .put("rows", floeRows.size()).put("same_answer", difference == null);
        n.putPOJO("floe_ms", f);
        n.putPOJO("duckdb_ms", d);
        Log.info("Q%-2d floe %8.1f ms  duckdb %8.1f ms  %.2fx%s", q, fm, dm, fm / dm,
            difference == null ? "" : "  ANSWER DIFFERS");
        b.report().add(new Report.Line("P2", "Q" + q + " median ms", fm, dm, "DuckDB JDBC", null, null));
      }
    }
    section.put("floe_total_ms", floeTotal).put("duckdb_total_ms", duckTotal).put("wrong_answers", wrong);
    b.report().add(new Report.Line("P2", "22 queries total ms (" + (22 - wrong) + "/22 same answer)",
        floeTotal, duckTotal, "DuckDB JDBC", "<= 1.15x, all answers equal",
        floeTotal <= 1.15 * duckTotal && wrong == 0));
  }
}
