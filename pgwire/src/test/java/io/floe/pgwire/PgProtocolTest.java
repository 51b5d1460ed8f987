package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol behaviour with pgjdbc: captured client catalog queries, cancel, disconnects, many
 * sessions, binary round trips, transactions and errors.
 */
class PgProtocolTest {
  static PgTestServer pg;

  @BeforeAll static void start() throws Exception {
    pg = new PgTestServer();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key, name varchar(20) not null, "
          + "price numeric(10,2), created timestamp)");
      s.execute("insert into items values (1, 'x', 1.50, timestamp '2024-01-01 10:00:00')");
      s.execute("create table ten (x int)");
      s.execute("insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
      s.execute("create table thousand as select a.x * 100 + b.x * 10 + c.x as x from ten a, ten b, ten c");
    }
  }

  @AfterAll static void stop() {
    pg.close();
  }

  /** A query DuckDB works on for a very long time (10^12 rows). */
  static final String LONG_QUERY = "select sum(a.x + b.x * c.x - d.x) from thousand a, thousand b, "
      + "thousand c, thousand d";

  /**
   * Captured statements a user typed rather than a client generated: they read no catalog, so the
   * engine answers them with PostgreSQL's semantics, or refuses a function it does not have with
   * 42883 (never DuckDB's answer from the catalog mirror).
   */
  static final Set<String> ORDINARY_QUERIES = Set.of("select * from generate_series(1,5)");

  @Test void everyCapturedClientQueryRunsThroughTheWire() throws Exception {
    JsonNode queries;
    try (InputStream in = getClass().getResourceAsStream("pgwire-captured-queries.json")) {
      queries = new ObjectMapper().readTree(in).get("queries");
    }
    List<String> failures = new ArrayList<>();
    List<List<List<String>>> answers = new ArrayList<>();
    try (Connection c = pg.connect()) {
      for (JsonNode q : queries) {
        String sql = q.get("sql").asText();
        answers.add(List.of());
        try (Statement s = c.createStatement()) {
          if (s.execute(sql)) {
            answers.set(answers.size() - 1, rows(s.getResultSet()));
          }
        } catch (SQLException e) {
          if (ORDINARY_QUERIES.contains(sql) && e.getSQLState().equals("42883")) {
            continue;
          }
          failures.add(q.get("client").asText() + ": " + e.getMessage() + " -- " + sql.substring(0,
              Math.min(120, sql.length())));
        }
      }
      // Answers are restricted to visible objects: the other project's bucket is nowhere.
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "select string_agg(nspname, ',') from pg_catalog.pg_namespace")) {
        rs.next();
        assertThat(rs.getString(1)).contains("public", "in_c_sales").doesNotContain("secret");
      }
    }
    assertThat(failures).as("%d captured queries", queries.size()).isEmpty();
    // What the key answers hold: psql's \dt, \d items (its oid, then its columns with the oid
    // substituted), pgjdbc's getTables and getColumns, DBeaver's attributes of a table.
    String owner = pg.workspace.username();
    assertThat(answers.get(0)).as("psql \\dt").containsExactly(
        List.of("in_c_sales", "orders", "table", owner), List.of("public", "items", "table", owner),
        List.of("public", "ten", "table", owner), List.of("public", "thousand", "table", owner));
    List<List<String>> items = answers.get(2);
    assertThat(items).as("psql \\d items: the table").hasSize(1);
    assertThat(items.get(0).subList(1, 3)).isEqualTo(List.of("public", "items"));
    String oid = items.get(0).get(0);
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      List<List<String>> columns = rows(s.executeQuery(queries.get(4).get("sql").asText()
          .replace("'16384'", "'" + oid + "'")));
      assertThat(columns).as("psql \\d items: the columns").extracting(r -> r.subList(0, 2))
          .containsExactly(List.of("id", "integer"), List.of("name", "character varying"),
              List.of("price", "numeric(10,2)"), List.of("created", "timestamp without time zone"));
      assertThat(columns).extracting(r -> r.get(3)).containsExactly("t", "t", "f", "f");
      List<List<String>> dbeaver = rows(s.executeQuery(queries.get(56).get("sql").asText()
          .replace("'16384'", "'" + oid + "'")));
      assertThat(dbeaver).as("DBeaver attributes").extracting(r -> r.get(0)).containsOnly("items");
      assertThat(dbeaver).hasSize(4);
    }
    assertThat(answers.get(30)).as("pgjdbc getTables(public)").extracting(r -> r.get(2))
        .contains("items", "ten", "thousand").doesNotContain("orders");
    assertThat(answers.get(30)).extracting(r -> r.get(3)).containsOnly("TABLE");
    assertThat(answers.get(32)).as("pgjdbc getColumns(items)").extracting(r -> r.get(3))
        .containsExactly("id", "name", "price", "created");
    assertThat(answers.get(71)).as("'items'::regclass::oid").containsExactly(List.of(oid));
    assertThat(answers.get(61).get(0).get(0)).as("current_schema()").isEqualTo("public");
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (rs) {
      int width = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test void cancelStopsTheRunningQuery() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1000);
          s.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(15);
      cancel.get();
      try (ResultSet rs = s.executeQuery("select count(*) from items")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the connection is usable after a cancel").isEqualTo(1);
      }
    }
  }

  @Test void aClientThatDisconnectsMidQueryLeavesNothingRunning() throws Exception {
    GrabbingSocketFactory.SOCKETS.clear();
    Properties p = new Properties();
    p.setProperty("socketFactory", GrabbingSocketFactory.class.getName());
    Connection c = pg.connect(p);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> running = pool.submit(() -> {
      try (Statement s = c.createStatement()) {
        s.executeQuery(LONG_QUERY);
      } catch (SQLException expected) {
        // the connection is cut
      }
      return null;
    });
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && pg.floe.engine().sessions().running().stream()
        .noneMatch(e -> e.frontEnd().equals("pgwire"))) {
      Thread.sleep(50);
    }
    assertThat(pg.floe.engine().sessions().running()).isNotEmpty();
    for (Socket s : GrabbingSocketFactory.SOCKETS) {
      s.close();
    }
    deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && pg.floe.engine().sessions().running().stream()
        .anyMatch(e -> e.frontEnd().equals("pgwire"))) {
      Thread.sleep(50);
    }
    assertThat(pg.floe.engine().sessions().running().stream()
        .filter(e -> e.frontEnd().equals("pgwire"))).isEmpty();
    running.get(10, TimeUnit.SECONDS);
    pool.shutdownNow();
  }

  @Test void fiftyConcurrentSessionsOnOneWorkspace() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("create table t_" + n + " (v int)");
            s.execute("insert into t_" + n + " values (" + n + ")");
            try (ResultSet rs = s.executeQuery("select sum(o.amount) + t.v from in_c_sales.orders o, t_"
                + n + " t group by t.v")) {
              rs.next();
              long value = rs.getBigDecimal(1).longValue();
              s.execute("drop table t_" + n);
              return value;
            }
          }
        }));
      }
      for (int i = 0; i < 50; i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(17 + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test void sessionsAcrossWorkspacesSeeOnlyTheirOwnObjects() throws Exception {
    List<io.floe.engine.api.admin.CreatedWorkspace> workspaces = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workspaces.add(pg.floe.engine().workspaces().create(pg.floe.principal(pg.projectKey), "p1",
          null, "w" + i, null, null, List.of()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(30);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        io.floe.engine.api.admin.CreatedWorkspace ws = workspaces.get(i % 3);
        int n = i;
        results.add(pool.submit(() -> {
          String url = "jdbc:postgresql://127.0.0.1:" + pg.server.port() + "/"
              + ws.workspace().databaseName();
          try (Connection c = java.sql.DriverManager.getConnection(url, ws.username(), ws.password());
               Statement s = c.createStatement()) {
            s.execute("create table if not exists mine (v int)");
            s.execute("insert into mine values (" + n + ")");
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables "
                + "where table_schema = 'public'")) {
              rs.next();
              return ws.workspace().id() + ":" + rs.getLong(1);
            }
          }
        }));
      }
      for (Future<String> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).endsWith(":1");
      }
      for (io.floe.engine.api.admin.CreatedWorkspace ws : workspaces) {
        String url = "jdbc:postgresql://127.0.0.1:" + pg.server.port() + "/" + ws.workspace().databaseName();
        try (Connection c = java.sql.DriverManager.getConnection(url, ws.username(), ws.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from mine")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(20);
        }
        pg.floe.engine().workspaces().drop(pg.floe.principal(pg.projectKey), "p1", null, ws.workspace().id());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test void binaryParametersAndResultsRoundTrip() throws Exception {
    Properties p = new Properties();
    p.setProperty("prepareThreshold", "1");
    try (Connection c = pg.connect(p); Statement s = c.createStatement()) {
      s.execute("create table typed (b boolean, i2 smallint, i8 bigint, f4 real, f8 double precision, "
          + "n numeric(20,6), d date, ts timestamp, tz timestamptz, t text, by bytea)");
      try (PreparedStatement ps = c.prepareStatement("insert into typed values (?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setBoolean(1, true);
        ps.setShort(2, (short) -7);
        ps.setLong(3, 1L << 40);
        ps.setFloat(4, 1.5f);
        ps.setDouble(5, -2.25);
        ps.setBigDecimal(6, new BigDecimal("-12345.678901"));
        ps.setObject(7, LocalDate.of(2024, 2, 29));
        ps.setObject(8, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000));
        ps.setObject(9, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        ps.setString(10, "žluťoučký");
        ps.setBytes(11, new byte[] {0, 1, (byte) 255});
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement ps = c.prepareStatement("select * from typed where i2 = ?")) {
          ps.setShort(1, (short) -7);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getShort(2)).isEqualTo((short) -7);
            assertThat(rs.getLong(3)).isEqualTo(1L << 40);
            assertThat(rs.getFloat(4)).isEqualTo(1.5f);
            assertThat(rs.getDouble(5)).isEqualTo(-2.25);
            assertThat(rs.getBigDecimal(6)).isEqualByComparingTo("-12345.678901");
            assertThat(rs.getObject(7, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject(8, LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000));
            assertThat(rs.getObject(9, OffsetDateTime.class).toInstant())
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant());
            assertThat(rs.getString(10)).isEqualTo("žluťoučký");
            assertThat(rs.getBytes(11)).containsExactly(0, 1, 255);
          }
        }
      }
      s.execute("drop table typed");
    }
  }

  @Test void transactionsReportStatusAndRollBack() throws Exception {
    try (Connection c = pg.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("create table tx (v int)");
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("insert into tx values (1)");
        assertThatThrownBy(() -> s.execute("select * from nosuch")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> s.execute("select 1"))
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
      }
      c.rollback();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from tx")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the insert was rolled back").isZero();
        s.execute("drop table tx");
      }
    }
  }

  @Test void simpleProtocolMultiStatementsAndEmptyQueries() throws Exception {
    Properties p = new Properties();
    p.setProperty("preferQueryMode", "simple");
    try (Connection c = pg.connect(p); Statement s = c.createStatement()) {
      assertThat(s.execute("")).isFalse();
      assertThat(s.execute("select 1; select 2")).isTrue();
      assertThat(s.getMoreResults()).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
      try (ResultSet rs = s.executeQuery("SHOW TRANSACTION ISOLATION LEVEL")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("read committed");
      }
      s.execute("SET application_name = 'floe test'");
      try (ResultSet rs = s.executeQuery("show application_name")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("floe test");
      }
      try (ResultSet rs = s.executeQuery("select current_setting('server_version'), version()")) {
        rs.next();
        assertThat(rs.getString(1)).startsWith("16.");
        assertThat(rs.getString(2)).startsWith("PostgreSQL 16");
      }
    }
  }
}
