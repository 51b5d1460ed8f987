package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.Engine;
import io.floe.engine.testing.ReferenceDuckDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results larger than one frame: the driver reads the frames after the first in Floe's binary
 * format. Every type, NULLs, values beyond 64 bits and before 1970 must read exactly as they do in
 * the first (Avatica) frame and as DuckDB has them, and a result's fetches must never leak into the
 * statement's next execution.
 */
class JdbcBinaryFetchTest {
  static final String TABLE = "{\"name\":\"wide\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\",\"nullable\":false},"
      + "{\"name\":\"b\",\"type\":\"BOOLEAN\"},{\"name\":\"s\",\"type\":\"SMALLINT\"},"
      + "{\"name\":\"i\",\"type\":\"INTEGER\"},{\"name\":\"l\",\"type\":\"BIGINT\"},"
      + "{\"name\":\"r\",\"type\":\"REAL\"},{\"name\":\"d\",\"type\":\"DOUBLE\"},"
      + "{\"name\":\"m\",\"type\":\"DECIMAL(12,2)\"},{\"name\":\"big\",\"type\":\"DECIMAL(38,10)\"},"
      + "{\"name\":\"v\",\"type\":\"VARCHAR\"},{\"name\":\"dt\",\"type\":\"DATE\"},"
      + "{\"name\":\"t\",\"type\":\"TIME\"},{\"name\":\"ts\",\"type\":\"TIMESTAMP\"},"
      + "{\"name\":\"tz\",\"type\":\"TIMESTAMPTZ\"},{\"name\":\"u\",\"type\":\"UUID\"},"
      + "{\"name\":\"bl\",\"type\":\"BLOB\"}]}";
  static final String[] COLUMNS = {"id INTEGER PK", "b BOOLEAN", "s SMALLINT", "i INTEGER",
      "l BIGINT", "r REAL", "d DOUBLE", "m DECIMAL(12,2)", "big DECIMAL(38,10)", "v VARCHAR",
      "dt DATE", "t TIME", "ts TIMESTAMP", "tz TIMESTAMPTZ", "u UUID", "bl BLOB"};
  static final int ROWS = 12_345;

  static TestServer floe;
  static ReferenceDuckDb duck;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_b");
    floe.createTable("p", token, "in_c_b", TABLE);
    String csv = csv();
    assertThat(floe.importCsv("p", token, "in_c_b", "wide", csv, false).status()).isEqualTo(200);
    duck = new ReferenceDuckDb();
    duck.table("in_c_b", "wide", csv, COLUMNS);
  }

  @AfterAll static void tearDown() {
    duck.close();
    floe.close();
  }

  /** Deterministic rows; column k of row n is NULL when (n + k) % 11 == 0. */
  static String csv() {
    StringBuilder out = new StringBuilder(
        "id,b,s,i,l,r,d,m,big,v,dt,t,ts,tz,u,bl\n");
    for (int n = 0; n < ROWS; n++) {
      long sign = n % 2 == 0 ? 1 : -1;
      String[] v = {
          Integer.toString(n),
          Boolean.toString(n % 3 == 0),
          Integer.toString((int) (sign * (n % 32768))),
          Integer.toString((int) (sign * n * 173_981L % Integer.MAX_VALUE)),
          Long.toString(sign * (Long.MAX_VALUE - n * 7_919L)),
          Float.toString(sign * n / 7.0f),
          Double.toString(sign * n * 1.0e-3 / 3.0),
          (sign < 0 ? "-" : "") + (n * 37) + "." + String.format("%02d", n % 100),
          (sign < 0 ? "-" : "") + "1234567890123456789012345" + String.format("%03d", n % 1000)
              + "." + String.format("%010d", n * 104_729L % 10_000_000_000L),
          n % 5 == 0 ? "\"\"" : "\"žluťoučký kůň " + n + " \uD83D\uDE00, \"\"quoted\"\"\"",
          String.format("%04d-%02d-%02d", 1900 + n % 200, 1 + n % 12, 1 + n % 28),
          String.format("%02d:%02d:%02d.%06d", n % 24, n % 60, (n * 7) % 60, n * 31 % 1_000_000),
          String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", 1950 + n % 100, 1 + n % 12,
              1 + n % 28, n % 24, n % 60, (n * 13) % 60, n * 17 % 1_000_000),
          String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d+%02d:00", 1960 + n % 80, 1 + n % 12,
              1 + n % 28, n % 24, n % 60, (n * 3) % 60, n * 23 % 1_000_000, n % 12),
          String.format("%08x-0000-4000-8000-%012x", n, n * 65_537L),
          "blob-" + n};
      for (int k = 1; k < v.length; k++) {
        if ((n + k) % 11 == 0) {
          v[k] = "";
        }
      }
      out.append(String.join(",", v)).append('\n');
    }
    return out.toString();
  }

  static Connection connect(int fetchSize) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", token);
    props.setProperty("fetch_size", Integer.toString(fetchSize));
    return DriverJar.connect(floe.jdbcUrl(), props);
  }

  /** Every column read as getObject and as getString, so both accessor paths are compared. */
  static List<List<Object>> read(ResultSet rs) throws SQLException {
    int width = rs.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[width * 2];
      for (int i = 0; i < width; i++) {
        Object o = rs.getObject(i + 1);
        row[2 * i] = o instanceof byte[] b ? Arrays.toString(b) : o;
        row[2 * i + 1] = rs.getString(i + 1);
      }
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  @Test void framesAfterTheFirstReadTheSameAsTheFirstFrame() throws SQLException {
    String sql = "select * from in_c_b.wide order by id";
    List<List<Object>> oneFrame;
    try (Connection c = connect(100_000); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      oneFrame = read(rs);
    }
    List<List<Object>> manyFrames;
    long framesBefore = floe.server.avatica().binaryFramesServed();
    try (Connection c = connect(997); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      manyFrames = read(rs);
    }
    // 997 rows in the first frame, the other 11,348 in twelve binary frames.
    assertThat(floe.server.avatica().binaryFramesServed() - framesBefore).isEqualTo(12);
    assertThat(oneFrame).hasSize(ROWS);
    assertThat(manyFrames).hasSize(ROWS);
    for (int n = 0; n < ROWS; n++) {
      assertThat(manyFrames.get(n)).as("row %d", n).isEqualTo(oneFrame.get(n));
    }
  }

  @Test void manyFramesMatchDuckDb() throws SQLException {
    String sql = "select id, b, s, i, l, r, d, m, big, v, dt, ts from in_c_b.wide order by id";
    try (Connection c = connect(1000); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(JdbcEndToEndTest.rows(rs)).isEqualTo(duck.query(sql));
    }
  }

  @Test void reExecutingAfterAPartialReadGetsTheWholeNewResult() throws SQLException {
    try (Connection c = connect(500);
        PreparedStatement p = c.prepareStatement("select id from in_c_b.wide where id >= ? order by id")) {
      for (int round = 0; round < 20; round++) {
        p.setInt(1, round);
        try (ResultSet rs = p.executeQuery()) {
          // Read into the second frame, so a fetch of the third is on its way, then abandon it.
          for (int k = 0; k < 600; k++) {
            assertThat(rs.next()).isTrue();
          }
        }
        p.setInt(1, ROWS - 1_200);
        try (ResultSet rs = p.executeQuery()) {
          List<Integer> ids = new ArrayList<>();
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
          assertThat(ids).hasSize(1_200);
          assertThat(ids.get(0)).isEqualTo(ROWS - 1_200);
          assertThat(ids.get(ids.size() - 1)).isEqualTo(ROWS - 1);
        }
      }
    }
  }

  @Test void aFetchAfterTheStatementIsGoneFailsWithSqlState() throws SQLException {
    try (Connection c = connect(500); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select id from in_c_b.wide order by id");
      assertThat(rs.next()).isTrue();
      // What revoking the token does: the server closes the session under the open result.
      Engine.of(floe.server.engine()).sessions().closeSessions(p -> true);
      assertThatThrownBy(() -> {
        while (rs.next()) {
          rs.getInt(1);
        }
      }).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("08003", "57014"));
    }
  }
}
