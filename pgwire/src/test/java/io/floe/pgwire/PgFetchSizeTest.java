package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc with a fetch size reads a result in batches (Execute with a row limit, PortalSuspended).
 * Every row arrives once and in order however the batches fall; an error after some batches, a
 * result closed midway and the next statement on the session behave as PostgreSQL's do.
 */
class PgFetchSizeTest {
  static final int ROWS = 25_013;
  static PgTestServer pg;

  @BeforeAll static void start() {
    pg = new PgTestServer();
    StringBuilder csv = new StringBuilder("id,amount,note,day\n");
    for (int i = 1; i <= ROWS; i++) {
      csv.append(i).append(',').append(i).append('.').append(i % 100 < 10 ? "0" : "").append(i % 100)
          .append(",note ").append(i).append(',').append(LocalDate.of(2020, 1, 1).plusDays(i % 3000)).append('\n');
    }
    pg.floe.createTable("p1", "in_c_sales", "lines", "id BIGINT PK", "amount DECIMAL(18,2)",
        "note VARCHAR", "day DATE");
    pg.floe.importCsv("p1", "in_c_sales", "lines", csv.toString(), false);
  }

  @AfterAll static void stop() {
    pg.close();
  }

  @Test void everyRowArrivesOnceInOrderForAnyFetchSize() throws Exception {
    for (int fetchSize : new int[] {1, 7, 1000, 4096, ROWS, ROWS + 1}) {
      try (Connection c = pg.connect()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.setFetchSize(fetchSize);
          try (ResultSet rs = s.executeQuery("select id, amount, note, day from in_c_sales.lines order by id")) {
            long expected = 1;
            while (rs.next()) {
              assertThat(rs.getLong(1)).as("fetch size %d", fetchSize).isEqualTo(expected);
              assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(
                  new BigDecimal(expected + "." + String.format("%02d", expected % 100)));
              assertThat(rs.getString(3)).isEqualTo("note " + expected);
              assertThat(rs.getObject(4, LocalDate.class))
                  .isEqualTo(LocalDate.of(2020, 1, 1).plusDays(expected % 3000));
              expected++;
            }
            assertThat(expected - 1).as("rows with fetch size %d", fetchSize).isEqualTo(ROWS);
          }
          // The session is free for the next statement.
          try (ResultSet rs = s.executeQuery("select count(*) from in_c_sales.lines")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(ROWS);
          }
        }
        c.commit();
      }
    }
  }

  @Test void aResultClosedMidwayLeavesTheSessionUsable() throws Exception {
    try (Connection c = pg.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery("select id from in_c_sales.lines order by id")) {
          for (int i = 0; i < 1500; i++) {
            assertThat(rs.next()).isTrue();
          }
          assertThat(rs.getLong(1)).isEqualTo(1500);
        }
        try (ResultSet rs = s.executeQuery("select max(id) from in_c_sales.lines where id < 100")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(99);
        }
      }
      c.commit();
    }
  }

  @Test void anErrorAfterSomeBatchesReachesTheClientAfterTheRowsBeforeIt() throws Exception {
    try (Connection c = pg.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1000);
        long[] seen = {0};
        assertThatThrownBy(() -> {
          try (ResultSet rs = s.executeQuery("select id, cast(case when id = 20000 then 'boom' "
              + "else cast(id as varchar) end as integer) as v from in_c_sales.lines order by id")) {
            while (rs.next()) {
              assertThat(rs.getLong(2)).isEqualTo(rs.getLong(1));
              seen[0]++;
            }
          }
        }).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("22"));
        assertThat(seen[0]).as("rows before the failing one").isLessThan(20_000);
      }
      c.rollback();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }
}
