package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BETWEEN, COALESCE, NULLIF, a simple CASE and an IN list compute a random operand once, as PostgreSQL
 * does (checked there; for BETWEEN, which PostgreSQL computes twice, as DuckDB does):
 * each count below is 0 (or all rows) with one value per row, and would be off by about a quarter
 * of the rows if the operand were drawn again for each place Calcite (or, for NULLIF, CASE and
 * IN, DuckDB) writes it.
 */
class VolatileOperandsTest {
  static final String DATA = "id\n" + IntStream.range(0, 300).mapToObj(Integer::toString)
      .collect(Collectors.joining("\n")) + "\n";

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER"}, DATA));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // One draw: -1 or 1; two: also 0, when the first is 1 and the second 0.
      "SELECT count(*) FROM b.t WHERE abs(coalesce(nullif(floor(random() * 2), 0), -1)) = 1|300",
      // One draw: never 1; two: 1 when the first is 0 and the second 1.
      "SELECT count(*) FROM b.t WHERE nullif(floor(random() * 2), 1) = 1|0",
      "SELECT count(*) FROM b.t WHERE CASE floor(random() * 2) WHEN 0 THEN 'a' WHEN 1 THEN 'b' END IS NULL|0",
      "SELECT count(*) FROM b.t WHERE CASE floor(random() * 2) WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END = 'c'|0",
      // One draw of 0 or 1 is always between 0 and 1 and never outside.
      "SELECT count(*) FROM b.t WHERE floor(random() * 2) BETWEEN 0 AND 1|300",
      "SELECT count(*) FROM b.t WHERE floor(random() * 2) NOT BETWEEN 0 AND 1|0",
      // DuckDB tests x IN (a, b) as x = a OR x = b.
      "SELECT count(*) FROM b.t WHERE floor(random() * 2) IN (0, 1)|300",
      "SELECT count(*) FROM b.t WHERE floor(random() * 2) NOT IN (0, 1)|0",
      "SELECT count(*) FROM (SELECT floor(random() * 2) IN (0, 1) AS k FROM b.t) x WHERE k|300",
  })
  void computedOnce(String sql, long count) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(List.of(List.of(count)));
    String plan = Rows.query(db.session(), "EXPLAIN PLAN FOR " + sql).toString();
    String duckDbSql = plan.substring(plan.indexOf("DuckDB SQL:"));
    assertThat(Pattern.compile("RANDOM\\(").matcher(duckDbSql).results().count()).isEqualTo(1);
  }

  @Test
  void betweenOfARandomValueIsSentAsWritten() {
    String sql = "SELECT count(*) FROM b.t WHERE random() BETWEEN 0.2 AND 0.8";
    assertThat(Rows.query(db.session(), "EXPLAIN PLAN FOR " + sql).toString())
        .contains("RANDOM() BETWEEN ASYMMETRIC 0.2 AND 0.8");
    long kept = (Long) Rows.query(db.session(), sql).get(0).get(0);
    assertThat(kept).isBetween(100L, 260L);
  }

  @Test
  void deterministicOperandsKeepCalcitesForms() {
    assertThat(Rows.query(db.session(), "EXPLAIN PLAN FOR SELECT count(*) FROM b.t WHERE id BETWEEN 1 AND 5")
        .toString()).contains("SEARCH(");
    String sql = "SELECT coalesce(nullif(id, 0), -1), CASE id WHEN 1 THEN 'a' WHEN 2 THEN 'b' END "
        + "FROM b.t WHERE id < 3 ORDER BY id";
    assertThat(db.query(sql)).isEqualTo(db.duck().query(sql));
  }
}
