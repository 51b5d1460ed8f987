package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.sql.SqlLexer;
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
 * Which statements the catalog mirror answers, through pgjdbc: catalog queries only, read-only;
 * ordinary statements that merely call a PostgreSQL function or use a pg_-like name go to the
 * engine.
 */
class PgRoutingTest {
  static PgTestServer pg;

  @BeforeAll static void start() throws Exception {
    pg = new PgTestServer();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("create table pg_notes (id int, who varchar(100))");
      s.execute("insert into pg_notes values (1, 'a'), (2, 'b')");
    }
  }

  @AfterAll static void stop() {
    pg.close();
  }

  static List<String> column(Statement s, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test void ordinaryStatementsGoToTheEngine() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      // A workspace table whose name starts with pg_ is the user's, not the catalog's.
      assertThat(column(s, "select who from pg_notes order by id")).containsExactly("a", "b");
      assertThat(column(s, "select count(*) from pg_notes n, in_c_sales.orders o where n.id = o.id"))
          .containsExactly("2");
      // A write whose query calls a catalog-looking function is a write for the engine, not a
      // refused catalog statement.
      s.execute("insert into pg_notes select id + 10, current_user from in_c_sales.orders where id = 1");
      assertThat(column(s, "select count(*) from pg_notes")).containsExactly("3");
      // CTE names are not relations of their own.
      assertThat(column(s, "with pg_x as (select id from pg_notes) select count(*) from pg_x"))
          .containsExactly("3");
    }
  }

  @Test void catalogQueriesStillGoToTheMirror() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      assertThat(column(s, "select version()").get(0)).startsWith("PostgreSQL 16");
      assertThat(column(s, "select current_user")).containsExactly(pg.workspace.username());
      assertThat(column(s, "select relname from pg_class where relname = 'pg_notes'"))
          .containsExactly("pg_notes");
      assertThat(column(s, "select 'pg_notes'::regclass::oid > 0")).containsExactly("t");
    }
  }

  @Test void theCatalogIsReadOnlyWhateverTheStatementStartsWith() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      String before = column(s, "select count(*) from pg_catalog.pg_class").get(0);
      for (String sql : List.of(
          "with x as (select 1) delete from pg_catalog.pg_class",
          "WITH x AS (SELECT 1) INSERT INTO pg_catalog.pg_namespace (oid, nspname) SELECT 1, 'evil'",
          "(with x as (select 1) delete from pg_catalog.pg_class)",
          "update pg_catalog.pg_class set relname = 'x'",
          "delete from information_schema.tables",
          "insert into pg_notes select oid, relname from pg_catalog.pg_class")) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isIn("42501", "42601"));
      }
      assertThat(column(s, "select count(*) from pg_catalog.pg_class")).containsExactly(before);
      assertThat(column(s, "select count(*) from pg_catalog.pg_namespace where nspname = 'evil'"))
          .containsExactly("0");
    }
  }

  /**
   * General functions that catalog queries also call (generate_series, unnest, quote_ident,
   * array_upper) do not make a statement a catalog query: it gets PostgreSQL's answer from the
   * engine, or the engine's refusal, never DuckDB's answer from the mirror.
   */
  @Test void generalFunctionsAloneAreNotCatalogQueries() throws Exception {
    for (String sql : List.of("SELECT x / 2 FROM generate_series(1, 3) g(x)",
        "select x / 2 from pg_catalog.generate_series(1, 3) g(x)", "SELECT generate_series(1, 3)",
        "SELECT unnest(array[1, 2, 3]) / 2", "select quote_ident('a b')",
        "select array_upper(array[1, 2], 1)", "select pg_catalog.quote_ident('a b')")) {
      assertThat(PgCatalogRouting.route(SqlLexer.significant(sql))).as(sql)
          .isEqualTo(PgCatalogRouting.Target.ENGINE);
    }
    for (String sql : List.of("select version()", "select pg_catalog.version()",
        "select * from pg_catalog.pg_get_keywords()",
        "select s.r from generate_series(1, array_upper(current_schemas(false), 1)) as s(r)",
        "select n from pg_catalog.generate_series(1, 32) pos(n), pg_catalog.pg_class c")) {
      assertThat(PgCatalogRouting.route(SqlLexer.significant(sql))).as(sql)
          .isEqualTo(PgCatalogRouting.Target.CATALOG);
    }
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      assertPostgresAnswerOrRefusal(s, "SELECT x / 2 FROM generate_series(1, 3) g(x)", "0", "1", "1");
      assertPostgresAnswerOrRefusal(s, "SELECT generate_series(1, 3)", "1", "2", "3");
      assertPostgresAnswerOrRefusal(s, "SELECT unnest(array[1, 2, 3]) / 2", "0", "1", "1");
      assertThatThrownBy(() -> s.executeQuery("SELECT sum(x) / count(*), 1 / 0 FROM generate_series(1, 4) g(x)"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("22012", "42883"));
    }
  }

  /** Catalog queries that compute divide integers as PostgreSQL does. */
  @Test void catalogQueriesDivideIntegersAsPostgresql() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      assertThat(column(s, "select 7 / 2 from pg_catalog.pg_namespace where nspname = 'public'"))
          .containsExactly("3");
      assertThat(column(s, "select -7 / 2 + 0 * length(version())")).containsExactly("-3");
      assertThatThrownBy(() -> s.executeQuery("select current_setting('search_path'), 1 / 0"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"));
    }
  }

  /** pg_backend_pid() is the process id the connection's BackendKeyData gave. */
  @Test void backendPidIsTheConnections() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      int pid = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
      assertThat(pid).isPositive();
      assertThat(column(s, "select pg_catalog.pg_backend_pid()")).containsExactly(Integer.toString(pid));
    }
  }

  private static void assertPostgresAnswerOrRefusal(Statement s, String sql, String... rows) {
    try {
      assertThat(column(s, sql)).as(sql).containsExactly(rows);
    } catch (SQLException e) {
      assertThat(e.getSQLState()).as(sql).isIn("42883", "42601", "0A000");
    }
  }
}
