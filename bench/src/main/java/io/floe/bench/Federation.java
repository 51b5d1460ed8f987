package io.floe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.testing.Fakesnow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * P6: a federated join. A DuckDB table of 10,000 customers joined with a Snowflake table of
 * 1,000,000 orders, with a filter on each side; Snowflake is fakesnow (the third-party emulator),
 * reached through Snowflake's JDBC driver as a real account would be. Reports the rows Floe fetched
 * from Snowflake against the rows that pass both filters (the goal: at most those, thanks to pushed
 * filters, the dynamic filter of the customers' keys and the partial aggregate per key), and
 * Floe's time against the same query run directly in the emulator, with both tables there.
 */
final class Federation {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CUSTOMERS = 10_000;
  private static final int ORDERS = 1_000_000;

  private Federation() {}

  static final String FLOE_SQL = "select c.segment, count(*) as orders, sum(o.amount) as total "
      + "from p6.customers c join p6_sf.orders o on o.customer_id = c.id "
      + "where c.segment = 'A' and o.status = 'open' group by c.segment";
  static final String SNOWFLAKE_SQL = "select c.segment, count(*) as orders, sum(o.amount) as total "
      + "from p6.sales.customers c join p6.sales.orders o on o.customer_id = c.id "
      + "where c.segment = 'A' and o.status = 'open' group by c.segment";

  static void run(Bench b, FloeRest rest, Path floeData, Path workDir) throws Exception {
    Log.info("P6: %,d DuckDB customers joined with %,d Snowflake (fakesnow) orders", CUSTOMERS, ORDERS);
    try (Fakesnow snowflake = Fakesnow.start()) {
      long matching;
      try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
        s.execute("create database p6");
        s.execute("create schema p6.sales");
        // Deterministic rows: customer ids spread over 1..100,000, a tenth of them in Floe.
        s.execute("create table p6.sales.orders as select cast(seq4() + 1 as number(38,0)) as id, "
            + "cast(mod(seq4() * 7919, 100000) + 1 as number(38,0)) as customer_id, "
            + "cast(mod(seq4() * 104729, 100000) / 100 as number(10,2)) as amount, "
            + "case mod(seq4(), 3) when 0 then 'open' when 1 then 'shipped' else 'cancelled' end "
            + "as status from table(generator(rowcount => " + ORDERS + "))");
        s.execute("create table p6.sales.customers as select cast(seq4() + 1 as number(38,0)) as id, "
            + "case when mod(seq4() + 1, 5) = 0 then 'A' else 'B' end as segment "
            + "from table(generator(rowcount => " + CUSTOMERS + "))");
        try (ResultSet rs = s.executeQuery("select count(*) from p6.sales.orders o "
            + "where o.status = 'open' and o.customer_id in "
            + "(select id from p6.sales.customers where segment = 'A')")) {
          rs.next();
          matching = rs.getLong(1);
        }
      }
      Path csv = workDir.resolve("p6-customers.csv");
      StringBuilder rows = new StringBuilder("id,segment\n");
      for (int id = 1; id <= CUSTOMERS; id++) {
        rows.append(id).append(',').append(id % 5 == 0 ? "A" : "B").append('\n');
      }
      Files.writeString(csv, rows);
      rest.bucket(Bench.PROJECT, "p6");
      rest.table(Bench.PROJECT, "p6", new TpchData.Table("customers", List.of(
          new TpchData.Column("id", "INTEGER"), new TpchData.Column("segment", "VARCHAR")),
          List.of("id")));
      rest.importCsv(Bench.PROJECT, "p6", "customers", csv);
      rest.snowflakeConnection(Bench.PROJECT, "p6sf", "127.0.0.1", snowflake.port(), Fakesnow.USER,
          Fakesnow.PASSWORD);
      rest.registerBucket(Bench.PROJECT, "p6_sf", "p6sf", "P6", "SALES");

      int reps = b.settings().repetitions();
      List<Double> floeTimes = new ArrayList<>();
      List<Double> emulatorTimes = new ArrayList<>();
      String floeAnswer = null;
      String emulatorAnswer = null;
      try (Connection floe = b.driver().connect(null); Connection direct = snowflake.connect()) {
        for (int i = 0; i < reps + 1; i++) { // the first of each is a warm-up
          long t0 = System.nanoTime();
          String a = answer(floe, FLOE_SQL);
          if (i > 0) {
            floeTimes.add(Stats.millis(System.nanoTime() - t0));
          }
          t0 = System.nanoTime();
          String e = answer(direct, SNOWFLAKE_SQL);
          if (i > 0) {
            emulatorTimes.add(Stats.millis(System.nanoTime() - t0));
          }
          floeAnswer = a;
          emulatorAnswer = e;
        }
      }
      if (!floeAnswer.equals(emulatorAnswer)) {
        throw new IllegalStateException("P6 answers differ: Floe " + floeAnswer + ", fakesnow "
            + emulatorAnswer);
      }
      long fetched = fetchedRows(floeData);
      double floeMs = Stats.median(floeTimes);
      double emulatorMs = Stats.median(emulatorTimes);
      ObjectNode section = b.report().section("p6");
      section.put("customers", CUSTOMERS).put("orders", ORDERS).put("answer", floeAnswer)
          .put("rows_matching_both_filters", matching).put("rows_fetched_from_snowflake", fetched)
          .put("floe_median_ms", floeMs).put("emulator_median_ms", emulatorMs)
          .putPOJO("floe_ms", floeTimes).putPOJO("emulator_ms", emulatorTimes);
      b.report().add(new Report.Line("P6", "rows fetched from Snowflake (ref: rows matching both filters)",
          fetched, matching, "matching rows", "at most equal", fetched <= matching));
      b.report().add(new Report.Line("P6", "federated join median ms (ref: the query in fakesnow alone)",
          floeMs, emulatorMs, "fakesnow", null, null));
    }
  }

  /** The rows of a query as text, one line each. */
  private static String answer(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          String v = rs.getString(i);
          // Numbers compare by value to four decimals: fakesnow sums a NUMBER(10,2) as a double
          // (3339615.699999961 where Snowflake and Floe say 3339615.70).
          out.append(i > 1 ? "|" : "").append(v != null && v.matches("-?[0-9]+(\\.[0-9]+)?")
              ? new java.math.BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_UP)
                  .stripTrailingZeros().toPlainString() : v);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Rows fetched from Snowflake by the last run of the federated query, from Floe's audit log. */
  private static long fetchedRows(Path floeData) throws Exception {
    Path audit = floeData.resolve("audit").resolve("audit.jsonl");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      long found = -1;
      for (String line : Files.readAllLines(audit)) {
        JsonNode n = JSON.readTree(line);
        if (FLOE_SQL.equals(n.path("sql").asText()) && n.has("source_rows")) {
          found = n.get("source_rows").asLong();
        }
      }
      if (found >= 0) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no audit line for P6's query in " + audit);
  }
}
