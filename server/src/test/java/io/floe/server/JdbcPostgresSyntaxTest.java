package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's own spellings that Calcite's parser lacks, through the real driver: each query is
 * written as a PostgreSQL user writes it and answers as PostgreSQL does.
 */
class JdbcPostgresSyntaxTest {
  static final String EVENTS_TABLE = "{\"name\":\"events\",\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"qty\",\"type\":\"INTEGER\"},"
      + "{\"name\":\"date\",\"type\":\"DATE\"},{\"name\":\"rows\",\"type\":\"INTEGER\"}]}";
  static final String EVENTS_CSV = "id,qty,date,rows\n1,5,2024-01-31,10\n2,,2023-12-31,30\n3,7,,20\n";

  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_log");
    floe.createTable("p", token, "in_c_log", EVENTS_TABLE);
    assertThat(floe.importCsv("p", token, "in_c_log", "events", EVENTS_CSV, false).status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  @Test void rowConstructorsAreRows() throws SQLException {
    // (2, NULL) differs from both rows in its first value: false, not NULL.
    assertThat(rows("select id, row(id, qty) in (select 1, 5 union all select 3, 8) as hit, "
        + "ROW(id) in (select 3) as three from in_c_log.events order by id"))
        .containsExactly("1|true|false", "2|false|false", "3|false|true");
    assertThat(rows("select id from in_c_log.events where row(id, qty) not in (select 1, 5) order by id"))
        .containsExactly("2", "3");
  }

  @Test void wordsCalciteReservesAreNamesWherePostgresqlTakesThem() throws SQLException {
    assertThat(rows("select e.date, e.rows as offset, date::varchar as timestamp from in_c_log.events e "
        + "where date >= date '2024-01-01' or rows > 25 order by rows"))
        .containsExactly("2024-01-31|10|2024-01-31", "2023-12-31|30|2023-12-31");
    assertThat(rows("select id, sum(qty) over (order by date rows between 1 preceding and current row) "
        + "from in_c_log.events where date is not null order by date"))
        .containsExactly("2|null", "1|5");
  }

  @Test void trimAndOverlayAsFunctionCalls() throws SQLException {
    assertThat(rows("select trim('xxhixx', 'x'), ltrim('xxhi', 'x'), rtrim('hixx', 'x'), "
        + "overlay('abcdef', 'XX', 3), overlay('abcdef', 'XX', 3, 0)"))
        .containsExactly("hi|hi|hi|abXXef|abXXcdef");
  }
}
