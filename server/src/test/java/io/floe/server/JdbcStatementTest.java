package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statement settings and batches through the real driver: {@code setMaxRows} and
 * {@code setLargeMaxRows} on both statement kinds (within the first frame and across frames),
 * {@code setFetchSize} checks, and batches, which Floe runs but where every write over JDBC fails
 * with 42501 and a query fails the batch, each as a {@link BatchUpdateException}.
 */
class JdbcStatementTest {
  static final int ROWS = 2_500;
  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_n");
    floe.createTable("p", token, "in_c_n", "{\"name\":\"numbers\",\"primary_key\":[\"n\"],"
        + "\"columns\":[{\"name\":\"n\",\"type\":\"INTEGER\"}]}");
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 1; i <= ROWS; i++) {
      csv.append(i).append('\n');
    }
    assertThat(floe.importCsv("p", token, "in_c_n", "numbers", csv.toString(), false).status())
        .isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection connect(int fetchSize) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", token);
    props.setProperty("fetch_size", Integer.toString(fetchSize));
    return DriverJar.connect(floe.jdbcUrl(), props);
  }

  /** Counts the rows and checks they are 1, 2, 3, ... */
  static int count(ResultSet rs) throws SQLException {
    int n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
        assertThat(rs.getInt(1)).isEqualTo(n);
      }
    }
    return n;
  }

  private static final String ALL = "select n from in_c_n.numbers order by n";

  /** A parameter nothing types is text, as PostgreSQL's unknown, not a 42P18 at prepare. */
  @Test void aParameterTheStatementLeavesUntypedIsText() throws SQLException {
    try (Connection c = connect(100);
         java.sql.PreparedStatement ps = c.prepareStatement(
             "select ?, upper(?), coalesce(?, 'none') from in_c_n.numbers where n = ?")) {
      assertThat(ps.getParameterMetaData().getParameterType(1)).isEqualTo(java.sql.Types.VARCHAR);
      assertThat(ps.getParameterMetaData().getParameterType(4)).isEqualTo(java.sql.Types.INTEGER);
      ps.setString(1, "a");
      ps.setString(2, "b");
      ps.setString(3, null);
      ps.setInt(4, 7);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("a");
        assertThat(rs.getString(2)).isEqualTo("B");
        assertThat(rs.getString(3)).isEqualTo("none");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test void preparedStatementsHonourMaxRows() throws SQLException {
    for (int fetchSize : new int[] {10_000, 100, 7}) {
      try (Connection c = connect(fetchSize); PreparedStatement ps = c.prepareStatement(ALL)) {
        ps.setMaxRows(3);
        assertThat(ps.getMaxRows()).isEqualTo(3);
        assertThat(count(ps.executeQuery())).as("fetch size %d", fetchSize).isEqualTo(3);
        ps.setMaxRows(1_234);
        assertThat(count(ps.executeQuery())).as("fetch size %d", fetchSize).isEqualTo(1_234);
        ps.setLargeMaxRows(10);
        assertThat(ps.getLargeMaxRows()).isEqualTo(10);
        assertThat(ps.execute()).isTrue();
        assertThat(count(ps.getResultSet())).isEqualTo(10);
        ps.setMaxRows(0);
        assertThat(count(ps.executeQuery())).isEqualTo(ROWS);
      }
      // The statement cache hands the same server statement to the next prepare of the SQL.
      try (Connection c = connect(fetchSize)) {
        for (int max : new int[] {5, 0, 2}) {
          try (PreparedStatement ps = c.prepareStatement(ALL)) {
            ps.setMaxRows(max);
            assertThat(count(ps.executeQuery())).isEqualTo(max == 0 ? ROWS : max);
          }
        }
      }
    }
  }

  @Test void statementsHonourMaxRows() throws SQLException {
    try (Connection c = connect(100); Statement s = c.createStatement()) {
      s.setMaxRows(3);
      assertThat(count(s.executeQuery(ALL))).isEqualTo(3);
      s.setLargeMaxRows(1_001);
      assertThat(count(s.executeQuery(ALL))).isEqualTo(1_001);
      s.setMaxRows(0);
      assertThat(count(s.executeQuery(ALL))).isEqualTo(ROWS);
    }
  }

  @Test void negativeLimitsAreRefused() throws SQLException {
    try (Connection c = connect(100); Statement s = c.createStatement();
         PreparedStatement ps = c.prepareStatement(ALL)) {
      for (Statement st : new Statement[] {s, ps}) {
        assertThatThrownBy(() -> st.setFetchSize(-1)).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThatThrownBy(() -> st.setMaxRows(-1)).isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThatThrownBy(() -> st.setLargeMaxRows(-5)).isInstanceOf(SQLException.class);
        st.setFetchSize(0);
        st.setFetchSize(50);
        assertThat(st.getFetchSize()).isEqualTo(50);
      }
      assertThat(count(ps.executeQuery())).isEqualTo(ROWS);
    }
  }

  @Test void batchesOfWritesFailWithPermissionDenied() throws SQLException {
    try (Connection c = connect(100); Statement s = c.createStatement()) {
      assertThat(c.getMetaData().supportsBatchUpdates()).isTrue();
      assertThat(s.executeBatch()).isEmpty();
      s.addBatch("insert into in_c_n.numbers values (10001)");
      s.addBatch("delete from in_c_n.numbers where n = 1");
      assertThatThrownBy(s::executeBatch)
          .isInstanceOfSatisfying(BatchUpdateException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getErrorCode()).isEqualTo(ErrorCode.ACCESS_DENIED.vendorCode());
            assertThat(e.getUpdateCounts()).isEmpty();
            assertThat(e.getMessage()).doesNotContain("Remote driver error").doesNotStartWith("Error ");
          });
      // The batch was cleared: the next one starts empty.
      assertThat(s.executeBatch()).isEmpty();
      assertThatThrownBy(() -> c.prepareStatement("insert into in_c_n.numbers values (?)"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
    try (Connection c = connect(100); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from in_c_n.numbers")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(ROWS);
    }
  }

  @Test void batchesOfQueriesFail() throws SQLException {
    try (Connection c = connect(100); Statement s = c.createStatement()) {
      s.addBatch("select 1");
      assertThatThrownBy(s::executeBatch)
          .isInstanceOfSatisfying(BatchUpdateException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("returns rows");
            assertThat(e.getLargeUpdateCounts()).isEmpty();
          });
      s.addBatch("select 1");
      s.clearBatch();
      assertThat(s.executeLargeBatch()).isEmpty();
    }
    try (Connection c = connect(100);
         PreparedStatement ps = c.prepareStatement("select n from in_c_n.numbers where n = ?")) {
      ps.setInt(1, 1);
      ps.addBatch();
      ps.setInt(1, 2);
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(BatchUpdateException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
      // The statement still runs normally.
      ps.setInt(1, 7);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
    }
  }

  /**
   * A parameter takes its type from the value bound to it where the statement's type would lose
   * it, as pgjdbc's float8 parameter does in PostgreSQL: {@code 7 / 2.0} is 3.5, not 3.
   */
  @Test void fractionalParameterIsNotTruncated() throws SQLException {
    try (Connection c = connect(100);
         PreparedStatement ps = c.prepareStatement("select n / ? from in_c_n.numbers where n = ?")) {
      ps.setDouble(1, 2.0);
      ps.setInt(2, 7);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.DOUBLE);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(3.5);
      }
      ps.setInt(1, 2);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(3);
      }
      ps.setBigDecimal(1, new java.math.BigDecimal("2.5"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("2.8");
      }
    }
  }
}
