package io.floe.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.ReferenceDuckDb;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushed-down results stream from DuckDB's data chunks when every column type has a vector
 * reader: the values must be exactly those of DuckDB's result set, and a failure after the first
 * chunk must surface as an error, never as a shorter result.
 */
class ChunkCursorTest {
  static final String[] COLUMNS = {"id INTEGER", "b BOOLEAN", "s SMALLINT", "l BIGINT", "r REAL",
      "d DOUBLE", "m DECIMAL(12,2)", "big DECIMAL(38,10)", "v VARCHAR", "dt DATE", "ts TIMESTAMP",
      "tz TIMESTAMPTZ", "t TIME", "txt VARCHAR"};
  static final int ROWS = 10_000;

  static TestEngine floe;
  static ReferenceDuckDb duck;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    token = floe.createProject("p1");
    floe.createBucket("p1", "in_c_x");
    floe.createTable("p1", "in_c_x", "t", COLUMNS);
    StringBuilder csv = new StringBuilder("id,b,s,l,r,d,m,big,v,dt,ts,tz,t,txt\n");
    for (int n = 0; n < ROWS; n++) {
      boolean nulls = n % 13 == 0;
      csv.append(n).append(',')
          .append(nulls ? "" : n % 2 == 0).append(',')
          .append(nulls ? "" : -n % 30000).append(',')
          .append(nulls ? "" : Long.MAX_VALUE - n).append(',')
          .append(nulls ? "" : n / 3.0f).append(',')
          .append(nulls ? "" : -n / 7.0).append(',')
          .append(nulls ? "" : (n * 13) + "." + (n % 100)).append(',')
          .append(nulls ? "" : "-98765432109876543210987654." + String.format("%010d", n)).append(',')
          .append(nulls ? "" : "\"v " + n + " ž\"").append(',')
          .append(nulls ? "" : String.format("%04d-%02d-%02d", 1900 + n % 150, 1 + n % 12, 1 + n % 28)).append(',')
          .append(nulls ? "" : String.format("19%02d-01-02 03:04:05.%06d", n % 100, n)).append(',')
          .append(nulls ? "" : String.format("20%02d-06-07 08:09:10.%06d+05:30", n % 100, n)).append(',')
          .append(nulls ? "" : String.format("%02d:%02d:00.%06d", n % 24, n % 60, n)).append(',')
          // The last row's text is not a number: a cast of this column fails at the end.
          .append(n == ROWS - 1 ? "oops" : Integer.toString(n)).append('\n');
    }
    floe.importCsv("p1", "in_c_x", "t", csv.toString(), false);
    duck = new ReferenceDuckDb();
    duck.table("in_c_x", "t", csv.toString(), COLUMNS);
  }

  @AfterAll static void tearDown() {
    duck.close();
    floe.close();
  }

  static RowCursor cursor(EngineSession session, String sql) {
    return session.execute(sql, List.of()).cursor();
  }

  @Test void everyVectorTypeReadsAsDuckDbsResultSetDoes() {
    String sql = "select id, b, s, l, r, d, m, big, v, dt, ts, tz from in_c_x.t order by id";
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
         RowCursor cursor = cursor(session, sql)) {
      assertThat(cursor).isInstanceOf(ChunkRowCursor.class);
      assertThat(Rows.all(cursor)).isEqualTo(duck.query(sql));
    }
  }

  @Test void aColumnWithoutVectorReaderUsesTheResultSet() {
    String sql = "select id, t from in_c_x.t order by id";
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
         RowCursor cursor = cursor(session, sql)) {
      assertThat(cursor).isInstanceOf(JdbcRowCursor.class);
      assertThat(Rows.all(cursor)).isEqualTo(duck.query(sql));
    }
  }

  @Test void aFailingStatementIsAnErrorNotAShortResult() {
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> Rows.query(session, "select cast(txt as integer) as n from in_c_x.t"))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).startsWith("22"));
      // The session and its cached statements stay usable.
      assertThat(Rows.query(session, "select count(*) from in_c_x.t")).containsExactly(List.of((long) ROWS));
    }
  }

  /**
   * DuckDB streams chunks long before a late row fails; the end of such a result must be reported
   * as the failure. Checked on DuckDB directly, where a table function can make ten million rows.
   */
  @Test void aFailureAfterTheFirstChunkIsReportedByAdvance() throws Exception {
    try (DuckDBConnection c = floe.engine().storage().connect();
         PreparedStatement ps = c.prepareStatement("select case when i < 5000000 then 1 "
             + "else cast('x' || i as integer) end as n from range(10000000) t(i)");
         DuckDBChunkedResult result = ChunkRowCursor.query(ps)) {
      long rows = 0;
      assertThat(ChunkRowCursor.advance(result)).isTrue();
      try {
        do {
          rows += result.chunk().rowCount();
        } while (ChunkRowCursor.advance(result));
        throw new AssertionError("the result ended after " + rows + " rows without its error");
      } catch (SQLException expected) {
        assertThat(expected.getMessage()).contains("Conversion Error");
        assertThat(rows).isGreaterThan(0).isLessThan(10_000_000);
      }
    }
  }
}
