package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderByTest {
  @Test void mapsKeysByOrdinalAliasAndExpression() {
    OrderBy o = OrderBy.of("SELECT a, b + 1 AS x, c * 2 FROM t ORDER BY x DESC, 1, c * 2 NULLS FIRST",
        List.of("a", "x", "(c * 2)"));
    assertThat(o).isEqualTo(new OrderBy(true, List.of(1, 0, 2), true, false));
  }

  @Test void mapsQualifiedColumnsAndStarByLabel() {
    assertThat(OrderBy.of("SELECT t.a, b FROM t ORDER BY t.a", List.of("a", "b")).keyColumns())
        .containsExactly(0);
    assertThat(OrderBy.of("SELECT * FROM t ORDER BY b LIMIT 3", List.of("a", "b")))
        .isEqualTo(new OrderBy(true, List.of(1), true, true));
  }

  @Test void stopsAtTheFirstKeyThatIsNotSelected() {
    assertThat(OrderBy.of("SELECT a, b FROM t ORDER BY a, c, b", List.of("a", "b")))
        .isEqualTo(new OrderBy(true, List.of(0), false, false));
  }

  @Test void seesOnlyTheTopLevel() {
    assertThat(OrderBy.of("SELECT (SELECT max(x) FROM u ORDER BY 1 LIMIT 1), "
        + "row_number() OVER (ORDER BY a) FROM t", List.of("x", "r")))
        .isEqualTo(new OrderBy(false, List.of(), true, false));
    assertThat(OrderBy.of("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1", List.of("a")).keyColumns())
        .containsExactly(0);
  }
}
