package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names across query levels as PostgreSQL and DuckDB resolve them: an alias a sub-query repeats
 * ({@link ShadowedAliases}), a WITH query in a sort key ({@link SortKeyQueries}), an alias on a
 * parenthesised join ({@link JoinAliases}) and a sub-query partitioning a window
 * ({@link WindowKeyQueries}). Each answers as DuckDB does.
 */
class SubQueryScopesTest {
  static final String[] I = {"i INTEGER"};
  static final String IDATA = csv("i", "1", "2", "3", "", "2");
  static final String[] F = {"f1 INTEGER"};
  static final String FDATA = csv("f1", "0", "123456", "-123456", "2147483647", "-2147483647");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("integers", I, IDATA), table("int4_tbl", F, FDATA),
      table("e", I, csv("i")));

  private static void assertSameAsDuckDb(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("plan of %s:%n%s", sql, plan.planText()).isTrue();
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // The unqualified i is the outer t's column, though an inner query names its table t too.
      "SELECT * FROM (SELECT 42) t(i) WHERE i IN (SELECT k FROM (SELECT 42) t(k) WHERE k IN "
          + "(SELECT l FROM (SELECT 42 l) t4(l) WHERE i-k IN (SELECT * FROM (SELECT i+5))))",
      "SELECT * FROM (SELECT 42) t(i) WHERE i IN (SELECT k FROM (SELECT 42) t(k) WHERE k IN "
          + "(SELECT l FROM (SELECT 42 l) t4(l) WHERE i-k IN (SELECT * FROM (SELECT 0))))",
      "SELECT * FROM (SELECT 42) t(i) WHERE i IN (SELECT k FROM (SELECT 42) t(k) WHERE k IN "
          + "(SELECT i FROM (SELECT i) t4 WHERE i*2-k IN (SELECT * FROM (SELECT i))))",
      "SELECT * FROM (SELECT 42) t(i) WHERE i IN (SELECT k FROM (SELECT 42) t(k) WHERE i IN "
          + "(SELECT * FROM (SELECT k) x))",
      // Over tables with NULLs and duplicates; qualified names reach the nearest t, in any case.
      "SELECT i, (SELECT sum(T.k) FROM (SELECT i*10 FROM b.integers) t(k) WHERE k > i) FROM b.integers t "
          + "ORDER BY 1 NULLS FIRST, 2",
      "SELECT t.i, (SELECT count(*) FROM (SELECT i FROM b.integers) t WHERE t.i < x.i) "
          + "FROM b.integers x, b.integers t WHERE x.i = t.i ORDER BY 1, 2",
      "SELECT i, (SELECT sum(y.k) FROM (SELECT i*10 FROM b.integers) t(k), LATERAL (SELECT t.k) y(k) "
          + "WHERE y.k > i) FROM b.integers t ORDER BY 1 NULLS FIRST, 2",
      "SELECT i, (SELECT sum(y.k) FROM (SELECT i*10 FROM b.integers) t(k) JOIN LATERAL "
          + "(SELECT t.k + t.k) y(k) ON y.k > i) FROM b.integers t ORDER BY 1 NULLS FIRST, 2",
      "SELECT t.i FROM b.integers t WHERE NOT EXISTS (SELECT 1 FROM b.integers u "
          + "JOIN (SELECT 2) t(x) ON u.i = t.x WHERE u.i = i) ORDER BY 1 NULLS FIRST",
      "SELECT t.i FROM b.integers t WHERE EXISTS (SELECT 1 FROM b.e t WHERE t.i = 1) ORDER BY 1",
      // A table that goes by its own name, as the outer alias does.
      "SELECT * FROM (SELECT 1) integers(x) WHERE x IN (SELECT i FROM b.integers WHERE x = i)",
      "SELECT * FROM (SELECT 1) integers(x) WHERE x IN (SELECT integers.i FROM b.integers WHERE x = integers.i)",
      "SELECT * FROM (SELECT 1) integers(x) WHERE x NOT IN (SELECT i FROM b.integers "
          + "JOIN b.integers t2 USING (i) WHERE x = integers.i)",
      "SELECT t.i, (SELECT max(integers.i) FROM b.integers WHERE integers.i < t.i) FROM b.integers t "
          + "JOIN b.integers ON t.i = integers.i ORDER BY 1, 2",
      // A column named by schema and table keeps the table unaliased.
      "SELECT * FROM (SELECT 1) integers(x) WHERE x IN (SELECT b.integers.i FROM b.integers WHERE 1 = b.integers.i)",
  })
  void repeatedAliasHidesOnlyQualifiedNames(String sql) {
    assertSameAsDuckDb(sql);
  }

  @Test void renamedAliasIsWrittenInMessages() {
    assertThatThrownBy(() -> db.query("SELECT i, (SELECT t.zz FROM (SELECT 1) t(k)) FROM b.integers t"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
          assertThat(e.getMessage()).startsWith("column \"t.zz\" does not exist");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT i FROM b.integers i1 ORDER BY (WITH i2 AS (SELECT 100-i1.i as j) SELECT j FROM i2)",
      "SELECT i FROM b.integers i1 ORDER BY (WITH i2 AS (SELECT 100-i1.i as j) SELECT j FROM i2) DESC NULLS FIRST",
      "SELECT i FROM b.integers i1 ORDER BY (WITH i2 AS (SELECT 100 as j) SELECT j FROM i2), i",
      "SELECT i FROM b.integers i1 ORDER BY (SELECT j FROM (VALUES (1), (2)) v(j) ORDER BY j DESC LIMIT 1) + i",
      "SELECT i FROM b.integers i1 ORDER BY i IN (WITH i2 AS (SELECT i1.i * 2 AS j) SELECT j FROM i2 "
          + "WHERE j < 5), i",
      "SELECT i FROM b.integers i1 ORDER BY EXISTS (WITH i2 AS (SELECT i FROM b.integers WHERE i > i1.i) "
          + "SELECT * FROM i2), i",
      "SELECT i FROM b.integers i1 ORDER BY (WITH i2 AS (SELECT i FROM b.e WHERE i > i1.i) "
          + "SELECT count(*) FROM i2), i",
  })
  void withQueryInSortKey(String sql) {
    assertSameAsDuckDb(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM ((SELECT f1/2 AS x FROM b.int4_tbl) ss1 JOIN b.int4_tbl i4 ON x = f1) j, "
          + "LATERAL (SELECT x) ss2(y)",
      "SELECT j.f1, j.i FROM (b.int4_tbl a LEFT JOIN b.integers c ON a.f1 = c.i) j ORDER BY 1",
      "SELECT j.x, j.y FROM (b.integers a JOIN b.integers c ON a.i = c.i) AS j(x, y) ORDER BY 1, 2",
      "SELECT * FROM (b.integers a JOIN b.integers c USING (i)) j ORDER BY 1",
      "SELECT * FROM (b.integers a NATURAL JOIN b.integers c) j ORDER BY 1",
      "SELECT * FROM ((b.integers a JOIN b.integers c USING (i)) j1 JOIN b.e d ON j1.i = d.i) j2",
      "SELECT count(*) FROM (b.integers a CROSS JOIN b.integers c) j",
  })
  void aliasedParenthesisedJoin(String sql) {
    assertSameAsDuckDb(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT (SELECT max(42) OVER (PARTITION BY (SELECT subq_0.c0 AS c1)) AS c6) FROM (SELECT NULL AS c0) AS subq_0",
      "SELECT i, sum(i) OVER (PARTITION BY (SELECT i1.i % 2)) FROM b.integers i1 ORDER BY 1, 2",
      "SELECT i, sum(i) OVER (PARTITION BY (SELECT i1.i % 2) + 1, (SELECT 1) ORDER BY i) FROM b.integers i1 "
          + "ORDER BY 1, 2",
      "SELECT i, sum(i) OVER (PARTITION BY (SELECT count(*) FROM b.integers x WHERE x.i < i1.i)) "
          + "FROM b.integers i1 ORDER BY 1, 2",
      "SELECT (SELECT max(i1.i) OVER (PARTITION BY (SELECT i1.i % 2))) FROM b.integers i1 ORDER BY 1",
      "SELECT i, rank() OVER (PARTITION BY (SELECT max(i) FROM b.e) ORDER BY i) FROM b.integers i1 ORDER BY 1, 2",
      "SELECT i, count(*) OVER (PARTITION BY (WITH q AS (SELECT i1.i IS NULL AS n) SELECT n FROM q)) "
          + "FROM b.integers i1 ORDER BY 1, 2",
      "SELECT i, sum(i) OVER (PARTITION BY (SELECT i1.i % 2) ORDER BY i GROUPS BETWEEN 1 PRECEDING AND "
          + "CURRENT ROW) FROM b.integers i1 ORDER BY 1, 2",
      "SELECT i, sum(i) OVER (PARTITION BY (i % 2) ORDER BY i) FROM b.integers i1 ORDER BY 1, 2",
  })
  void subQueryPartitionsWindow(String sql) {
    assertSameAsDuckDb(sql);
  }

  @Test void aliasedJoinHidesItsTables() {
    assertThatThrownBy(() -> db.query("SELECT * FROM (b.integers a JOIN b.integers c ON a.i = c.i) j "
        + "WHERE a.i = 1")).isInstanceOf(FloeException.class).hasMessageContaining("\"a\"");
  }
}
