package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
  private static Outcome.Rows rows(Object[]... rows) {
    return new Outcome.Rows(List.of(), Arrays.stream(rows).map(Arrays::asList).toList());
  }

  private static BigDecimal n(String v) {
    return new BigDecimal(v);
  }

  @Test void comparesValuesByValue() {
    assertThat(Cells.equal(n("5"), n("5.00"))).isTrue();
    assertThat(Cells.equal(new Cells.Approx(0.1 + 0.2, false), n("0.3"))).isTrue();
    assertThat(Cells.equal(new Cells.Approx(0.1, true), new Cells.Approx(0.1000001, false))).isTrue();
    assertThat(Cells.equal(new Cells.Approx(1.0, false), new Cells.Approx(1.0001, false))).isFalse();
    assertThat(Cells.equal(new Cells.Approx(Double.NaN, false), new Cells.Approx(Double.NaN, false))).isTrue();
    assertThat(Cells.equal(null, null)).isTrue();
    assertThat(Cells.equal(null, n("0"))).isFalse();
    assertThat(Cells.equal("a", "a ")).isFalse();
    assertThat(Cells.equal(n("1"), "1")).isFalse();
    assertThat(Cells.equal(Cells.Interval.parse("1 year 2 months 3 days 04:05:06.5"),
        "1 year 2 mons 3 days 04:05:06.500000")).isTrue();
  }

  @Test void comparesUnorderedRowsAsMultisets() {
    Outcome.Rows floe = rows(new Object[] {n("1"), "a"}, new Object[] {n("2"), null});
    Outcome.Rows duck = rows(new Object[] {n("2"), null}, new Object[] {n("1.0"), "a"});
    assertThat(ResultComparator.compare(floe, duck, SortMode.NOSORT, OrderBy.NONE)).isEmpty();
    Outcome.Rows other = rows(new Object[] {n("2"), null}, new Object[] {n("1"), "b"});
    assertThat(ResultComparator.compare(floe, other, SortMode.NOSORT, OrderBy.NONE)).get()
        .asString().contains("only Floe: 1 row(s) (1, 'a')").contains("only DuckDB: 1 row(s) (1, 'b')");
    assertThat(ResultComparator.compare(rows(new Object[] {n("1")}), floe, SortMode.NOSORT, OrderBy.NONE))
        .get().asString().startsWith("column count");
  }

  @Test void checksTheOrderOfTheSortKeysOnly() {
    OrderBy byFirst = new OrderBy(true, List.of(0), true, false);
    Outcome.Rows floe = rows(new Object[] {n("1"), "b"}, new Object[] {n("1"), "a"}, new Object[] {n("2"), "c"});
    Outcome.Rows tiesSwapped = rows(new Object[] {n("1"), "a"}, new Object[] {n("1"), "b"}, new Object[] {n("2"), "c"});
    Outcome.Rows misordered = rows(new Object[] {n("2"), "c"}, new Object[] {n("1"), "a"}, new Object[] {n("1"), "b"});
    assertThat(ResultComparator.compare(floe, tiesSwapped, SortMode.NOSORT, byFirst)).isEmpty();
    assertThat(ResultComparator.compare(floe, misordered, SortMode.NOSORT, byFirst)).get()
        .asString().startsWith("order of the ORDER BY keys");
    assertThat(ResultComparator.compare(floe, tiesSwapped, SortMode.ORDERED, OrderBy.NONE)).isPresent();
  }

  @Test void letsALimitCutThroughTiesButNothingElse() {
    OrderBy limited = new OrderBy(true, List.of(0), true, true);
    Outcome.Rows floe = rows(new Object[] {n("1"), "a"}, new Object[] {n("2"), "b"}, new Object[] {n("3"), "x"});
    Outcome.Rows otherTie = rows(new Object[] {n("1"), "a"}, new Object[] {n("2"), "b"}, new Object[] {n("3"), "y"});
    Outcome.Rows otherRow = rows(new Object[] {n("1"), "a"}, new Object[] {n("2"), "z"}, new Object[] {n("3"), "x"});
    assertThat(ResultComparator.compare(floe, otherTie, SortMode.NOSORT, limited)).isEmpty();
    assertThat(ResultComparator.compare(floe, otherRow, SortMode.NOSORT, limited)).isPresent();
  }

  @Test void valueSortComparesSingleValues() {
    Outcome.Rows floe = rows(new Object[] {n("1"), n("2")});
    Outcome.Rows duck = rows(new Object[] {n("2"), n("1")});
    assertThat(ResultComparator.compare(floe, duck, SortMode.VALUESORT, OrderBy.NONE)).isEmpty();
  }
}
