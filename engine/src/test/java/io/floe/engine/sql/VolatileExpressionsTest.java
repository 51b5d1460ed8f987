package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * random() has one value per row where the query computes it, as in PostgreSQL and DuckDB: a
 * filter on a column holding it sees the value the column shows. Where Calcite would compute it
 * again in another place, Floe refuses the statement rather than answer with other values.
 */
class VolatileExpressionsTest {
  /** 300 rows in 3 groups: a copied random() would show itself in nearly every run. */
  static final String DATA = "id,g\n" + IntStream.range(0, 300)
      .mapToObj(i -> i + "," + (char) ('a' + i % 3)).collect(Collectors.joining("\n")) + "\n";

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER", "g VARCHAR"}, DATA));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // Sampling: the rows kept are those whose shown value passed the filter.
      "SELECT count(*) FROM (SELECT r FROM (SELECT random() AS r FROM b.t) x WHERE r < 0.5) y WHERE r >= 0.5|0",
      "SELECT count(*) FROM (SELECT random() AS r FROM b.t) x WHERE r < 0.5 OR r >= 0.5|300",
      "SELECT count(*) FROM (SELECT id, random() AS r FROM b.t) x WHERE r * 2 - r = r|300",
      "SELECT count(*) FROM (SELECT g, max(r) AS m, min(r) AS n FROM (SELECT g, random() AS r FROM b.t) x "
          + "GROUP BY g) y WHERE m >= n|3",
      "SELECT count(*) FROM (SELECT floor(random() * 1) AS k FROM b.t) x GROUP BY k|300",
      "SELECT count(*) FROM (SELECT id FROM b.t ORDER BY random() LIMIT 5) x|5",
      "SELECT count(*) FROM b.t WHERE random() < 2|300",
      "WITH x AS (SELECT id, random() AS r FROM b.t) SELECT count(*) FROM x WHERE r = r|300",
  })
  void oneValuePerRow(String sql, long count) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(List.of(List.of(count)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // The column read twice above the projection that computes it.
      "SELECT count(*) FROM (SELECT r, r AS r2 FROM (SELECT random() AS r FROM b.t) x) y WHERE r = r2",
      "SELECT count(*) FROM (SELECT r + 1 AS a, r + 2 AS c FROM (SELECT random() AS r FROM b.t) x) y "
          + "WHERE c - a = 1",
      // PostgreSQL computes a WITH query read twice once; Calcite writes it out at each read.
      "WITH x AS (SELECT id, random() AS r FROM b.t) SELECT count(*) FROM x a JOIN x c ON a.id = c.id "
          + "AND a.r = c.r",
      "WITH x AS (SELECT random() AS r) SELECT (SELECT r FROM x) = (SELECT r FROM x)",
  })
  void refusedWhereItWouldBeComputedAgain(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
  }
}
