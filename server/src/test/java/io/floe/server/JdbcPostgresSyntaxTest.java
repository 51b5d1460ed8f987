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
      + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"qty\",\"type\":\"INTEGER\"}]}";
  static final String EVENTS_CSV = "id,qty\n1,5\n2,\n3,7\n";

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
}
