package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryScopeTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT a, sum(b) FROM t GROUP BY a ORDER BY 1",
      "WITH x(a) AS (SELECT 1) SELECT a FROM x",
      "SELECT CAST(a AS DECIMAL(10,2)), a::VARCHAR FROM t",
      "SELECT a IS NOT DISTINCT FROM b FROM t",
      "SELECT string_agg(s, ',' ORDER BY s) FROM t",
      "SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t",
      "SELECT COALESCE(a, 1), NULLIF(a, 2), EXTRACT(YEAR FROM d) FROM t",
      "SELECT * FROM (VALUES (1, 2)) v(a, b) WHERE a IN (SELECT 1) AND EXISTS (SELECT 1)",
      "SELECT a * 2 FROM t EXCEPT SELECT 1"})
  void comparesStandardQueries(String sql) {
    assertThat(QueryScope.outOfScope(sql)).as(sql).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT [1, 2]",
      "SELECT {'a': 1}",
      "FROM t",
      "SELECT * FROM (FROM t)",
      "SELECT * EXCLUDE (a) FROM t",
      "SELECT * EXCEPT (a) FROM t",
      "SELECT * LIKE 'a%' FROM t",
      "SELECT list_value(1)",
      "SELECT a FROM range(10) r(a)",
      "SELECT random()",
      "SELECT 1::TINYINT",
      "SELECT 7 // 2",
      "SELECT x : 1",
      "SELECT row_number() OVER () FROM t",
      "SELECT string_agg(s, ',') FROM t",
      "SELECT * FROM information_schema.tables",
      "SELECT a FROM t ORDER BY ALL",
      "INSERT INTO t VALUES (1)"})
  void skipsDuckDbOnlyAndNonDeterministicQueries(String sql) {
    assertThat(QueryScope.outOfScope(sql)).as(sql).isPresent();
  }
}
