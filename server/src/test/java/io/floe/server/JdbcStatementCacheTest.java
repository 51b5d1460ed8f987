package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver keeps prepared statements open on the server after the application closes them, so
 * "prepare, execute, close" in a loop prepares once. Reuse must be invisible: a table that changed
 * is prepared again, a half-read result is not reused, and the server holds a bounded number.
 */
class JdbcStatementCacheTest {
  static final String LOOKUP = "select id, name from in_c_b.t where id = ?";

  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_b");
    createTable("{\"name\":\"t\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"},"
        + "{\"name\":\"name\",\"type\":\"VARCHAR\"}]}", "id,name\n1,one\n2,two\n3,three\n");
    StringBuilder csv = new StringBuilder("v\n");
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append('\n');
    }
    floe.createTable("p", token, "in_c_b", "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
    assertThat(floe.importCsv("p", token, "in_c_b", "big", csv.toString(), false).status()).isEqualTo(200);
  }

  static void createTable(String definition, String csv) {
    floe.createTable("p", token, "in_c_b", definition);
    assertThat(floe.importCsv("p", token, "in_c_b", "t", csv, false).status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection connect(Properties extra) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", token);
    props.setProperty("fetch_size", "1000");
    props.putAll(extra);
    return DriverJar.connect(floe.jdbcUrl(), props);
  }

  /** The server's id for a statement (public on Avatica's statement class). */
  static int serverId(PreparedStatement p) {
    try {
      return (int) p.getClass().getMethod("getId").invoke(p);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static String lookup(Connection c, int id, Set<Integer> ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(LOOKUP)) {
      ids.add(serverId(p));
      p.setInt(1, id);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(2) : null;
      }
    }
  }

  @Test void prepareExecuteCloseInALoopPreparesOnce() throws SQLException {
    Set<Integer> ids = new HashSet<>();
    try (Connection c = connect(new Properties())) {
      for (int i = 0; i < 30; i++) {
        assertThat(lookup(c, 1 + i % 3, ids)).isEqualTo(new String[] {"one", "two", "three"}[i % 3]);
      }
      // Two statements open at once get two server statements.
      try (PreparedStatement a = c.prepareStatement(LOOKUP); PreparedStatement b = c.prepareStatement(LOOKUP)) {
        assertThat(serverId(a)).isNotEqualTo(serverId(b));
      }
    }
    assertThat(ids).hasSize(1);
  }

  /** The server's id for a plain statement. */
  static int serverId(java.sql.Statement s) {
    try {
      return (int) s.getClass().getMethod("getId").invoke(s);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * BI tools and SQL editors run each query as "create a Statement, execute, close": after the
   * first, that reuses the server statement the last one left (no create or close request).
   */
  @Test void plainStatementsInALoopUseOneServerStatement() throws SQLException {
    Set<Integer> ids = new HashSet<>();
    int before = floe.server.avatica().openStatements();
    try (Connection c = connect(new Properties())) {
      for (int i = 0; i < 30; i++) {
        try (java.sql.Statement st = c.createStatement()) {
          ids.add(serverId(st));
          try (ResultSet rs = st.executeQuery("select name from in_c_b.t where id = " + (1 + i % 3))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(new String[] {"one", "two", "three"}[i % 3]);
          }
        }
      }
      assertThat(floe.server.avatica().openStatements() - before).isEqualTo(1);
      // Two plain statements open at once get two server statements; a half-read result is not
      // reused (its server statement closes).
      try (java.sql.Statement a = c.createStatement(); java.sql.Statement b = c.createStatement()) {
        assertThat(serverId(a)).isNotEqualTo(serverId(b));
        try (ResultSet rs = a.executeQuery("select v from in_c_b.big order by v")) {
          assertThat(rs.next()).isTrue();
        }
      }
    }
    assertThat(ids).hasSize(1);
    assertThat(floe.server.avatica().openStatements()).isEqualTo(before);
  }

  @Test void reuseCanBeTurnedOff() throws SQLException {
    Properties off = new Properties();
    off.setProperty("prepared_statement_cache_size", "0");
    Set<Integer> ids = new HashSet<>();
    try (Connection c = connect(off)) {
      for (int i = 0; i < 5; i++) {
        lookup(c, 2, ids);
      }
    }
    assertThat(ids).hasSize(5);
  }

  @Test void aHalfReadResultIsNotReused() throws SQLException {
    Set<Integer> ids = new HashSet<>();
    try (Connection c = connect(new Properties())) {
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement p = c.prepareStatement("select v from in_c_b.big order by v")) {
          ids.add(serverId(p));
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
      }
    }
    assertThat(ids).hasSize(3);
  }

  @Test void theServerHoldsABoundedNumberOfIdleStatements() throws SQLException {
    int before = floe.server.avatica().openStatements();
    try (Connection c = connect(new Properties())) {
      for (int i = 0; i < 200; i++) {
        try (PreparedStatement p = c.prepareStatement("select id + " + i + " from in_c_b.t")) {
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              rs.getInt(1);
            }
          }
        }
      }
      assertThat(floe.server.avatica().openStatements() - before).isLessThanOrEqualTo(64 + 1);
    }
    assertThat(floe.server.avatica().openStatements()).isEqualTo(before);
  }

  @Test void aTableThatChangedIsPreparedAgain() throws SQLException {
    String star = "select * from in_c_b.t where id = ?";
    try (Connection c = connect(new Properties())) {
      try (PreparedStatement p = c.prepareStatement(star)) {
        p.setInt(1, 2);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        }
      }
      // Replace the table with one of different columns while the statement sits in the cache.
      assertThat(floe.call("DELETE", "/projects/p/buckets/in_c_b/tables/t", token, null, null).status())
          .isEqualTo(204);
      createTable("{\"name\":\"t\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"},"
          + "{\"name\":\"name\",\"type\":\"VARCHAR\"},{\"name\":\"extra\",\"type\":\"DOUBLE\"}]}",
          "id,name,extra\n2,deux,2.5\n");
      try (PreparedStatement p = c.prepareStatement(star)) {
        p.setInt(1, 2);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(2)).isEqualTo("deux");
          assertThat(rs.getDouble(3)).isEqualTo(2.5);
        }
        assertThat(p.getMetaData().getColumnCount()).isEqualTo(3);
        // And it runs again with the new handle.
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
        }
      }
      assertThat(lookup(c, 2, new HashSet<>())).isEqualTo("deux");
    }
  }
}
