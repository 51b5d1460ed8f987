package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.admin.CreatedWorkspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transaction blocks and size limits through pgjdbc: ROLLBACK undoes workspace writes, COMMIT
 * makes them visible to other sessions, an error fails the block (25P02) until ROLLBACK, DDL is
 * refused in a block (25001), and a write that goes over the size limit is undone (53100).
 */
class PgTransactionTest {
  static PgTestServer pg;

  @BeforeAll static void start() throws Exception {
    pg = new PgTestServer();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key, name text)");
    }
  }

  @AfterAll static void stop() {
    pg.close();
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String sqlState(Throwable e) {
    return ((SQLException) e).getSQLState();
  }

  @Test void rollbackUndoesAndCommitPublishes() throws Exception {
    try (Connection c = pg.connect(); Connection other = pg.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("insert into items values (1, 'one'), (2, 'two')")).isEqualTo(2);
      assertThat(s.executeUpdate("update items set name = 'uno' where id = 1")).isEqualTo(1);
      assertThat(count(c, "select count(*) from items where name = 'uno'"))
          .as("the block reads its own writes").isEqualTo(1);
      assertThat(count(c, "select count(*) from items i join in_c_sales.orders o on o.id = i.id"))
          .as("joined with project tables, in one DuckDB statement").isEqualTo(2);
      assertThat(count(other, "select count(*) from items")).as("others do not see them").isZero();
      c.rollback();
      assertThat(count(c, "select count(*) from items")).as("rolled back").isZero();

      s.executeUpdate("insert into items values (3, 'three')");
      assertThat(count(other, "select count(*) from items")).isZero();
      c.commit();
      assertThat(count(other, "select count(*) from items")).as("committed").isEqualTo(1);
      s.executeUpdate("delete from items");
      c.commit();
      c.setAutoCommit(true);
      assertThat(count(other, "select count(*) from items")).isZero();
    }
  }

  @Test void anErrorFailsTheBlockUntilRollback() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("insert into items values (10, 'ten')");
      assertThatThrownBy(() -> s.executeUpdate("insert into items values (10, 'again')"))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23505"));
      assertThatThrownBy(() -> count(c, "select count(*) from items"))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25P02"));
      c.rollback();
      assertThat(count(c, "select count(*) from items where id = 10")).isZero();
      c.setAutoCommit(true);
    }
  }

  @Test void ddlIsRefusedInABlockAndRunsOutsideOne() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.execute("create table in_block (a int)"))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("25001"))
          .hasMessageContaining("cannot run inside a transaction block");
      c.rollback();
      c.setAutoCommit(true);
      s.execute("create table in_block (a int)");
      s.execute("drop table in_block");
    }
  }

  @Test void savepointsWithoutWritesSinceThemRollBackOthersRefuse() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      var before = c.setSavepoint("before");
      assertThatThrownBy(() -> s.executeQuery("select * from no_such_table"))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42P01"));
      c.rollback(before);
      s.executeUpdate("insert into items values (20, 'twenty')");
      var after = c.setSavepoint("after");
      assertThat(count(c, "select count(*) from items where id = 20")).isEqualTo(1);
      c.rollback(after);
      s.executeUpdate("insert into items values (21, 'twenty-one')");
      assertThatThrownBy(() -> c.rollback(after))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("0A000"));
      c.rollback();
      assertThat(count(c, "select count(*) from items where id >= 20")).isZero();
      c.setAutoCommit(true);
    }
  }

  @Test void psqlBlocksRollBack() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/psql").canExecute(), "psql");
    CreatedWorkspace ws = pg.workspace;
    ProcessBuilder p = new ProcessBuilder("psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=0",
        "host=127.0.0.1 port=" + pg.server.port() + " dbname=" + ws.workspace().databaseName()
            + " user=" + ws.username() + " sslmode=disable",
        "-c", "begin; insert into items values (30, 'x'); rollback; select count(*) from items where id = 30;")
        .redirectErrorStream(true);
    p.environment().put("PGPASSWORD", ws.password());
    Process run = p.start();
    String out = new String(run.getInputStream().readAllBytes()).strip();
    assertThat(run.waitFor()).as(out).isZero();
    assertThat(out).endsWith("0");
  }

  @Test void aWriteOverTheSizeLimitIsUndoneThroughTheWire() throws Exception {
    CreatedWorkspace tiny = pg.floe.engine().workspaces().create(pg.floe.principal(pg.projectKey),
        "p1", null, "tiny", null, 0.0001, List.of());
    Properties props = new Properties();
    props.setProperty("user", tiny.username());
    props.setProperty("password", tiny.password());
    String many = "select a.id from in_c_sales.orders a, in_c_sales.orders b, in_c_sales.orders c, "
        + "in_c_sales.orders d, in_c_sales.orders e, in_c_sales.orders f, in_c_sales.orders g, "
        + "in_c_sales.orders h, in_c_sales.orders i, in_c_sales.orders j, in_c_sales.orders k";
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.server.port()
        + "/" + tiny.workspace().databaseName(), props); Statement s = c.createStatement()) {
      s.execute("create table t (a int)");
      assertThatThrownBy(() -> s.executeUpdate("insert into t " + many))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("53100"))
          .hasMessageContaining("size limit");
      assertThat(count(c, "select count(*) from t")).isZero();
      c.setAutoCommit(false);
      s.executeUpdate("insert into t values (1)");
      assertThatThrownBy(() -> s.executeUpdate("insert into t " + many))
          .satisfies(e -> assertThat(sqlState(e)).isEqualTo("53100"))
          .hasMessageContaining("transaction was rolled back");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(count(c, "select count(*) from t")).as("the whole block was undone").isZero();
      assertThat(s.executeUpdate("insert into t values (1), (2)")).isEqualTo(2);
    }
  }
}
