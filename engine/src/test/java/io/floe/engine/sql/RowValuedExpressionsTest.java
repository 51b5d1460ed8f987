package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows that are more than a row constructor: a scalar sub-query whose column is a row, CASE and
 * COALESCE of rows (DuckDB's test_issue_6136). They answer as in DuckDB, rows written as
 * {@code (a, A, 1)}.
 */
class RowValuedExpressionsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("r", new String[] {"ra INTEGER", "rb INTEGER", "x VARCHAR", "y VARCHAR"},
          csv("ra,rb,x,y", "1,1,a,A", "1,,b,B", "1,2,c,C", "2,,d,D")),
      table("b", new String[] {"id INTEGER", "ba INTEGER", "bb INTEGER"},
          csv("id,ba,bb", "1,1,1", "2,1,2", "3,1,3", "4,1,", "5,2,1", "6,2,", "7,99,99")),
      table("e", new String[] {"ra INTEGER", "x VARCHAR"}, csv("ra,x")));

  @ParameterizedTest
  @ValueSource(strings = {
      "select id, ba, bb, coalesce((select ROW(min(x), min(y), count(*)) from b.r where ba = ra and bb = rb"
          + " group by ra, rb), ROW(null, null, 0)) as ref1, coalesce((select ROW(min(x), min(y), count(*))"
          + " from b.r where (ba = ra or ra is null) group by ra order by ba = ra), ROW(null, null, 0)) as ref4"
          + " from b.b ORDER BY 1, 2, 3",
      "select id, (select ROW(min(x), count(*)) from b.r where ba = ra) from b.b ORDER BY 1",
      "select id, (select ROW(x, y) from b.r where ba = ra and rb = bb) from b.b ORDER BY 1",
      "select id, (select ROW(min(x), count(*)) from b.r) from b.b ORDER BY 1",
      "select id, coalesce((select ROW(min(x), count(*)) from b.r where ba = ra group by ra), ROW('q', 0))"
          + " from b.b ORDER BY 1",
      "select id, coalesce((select ROW(min(ra) * 1.5, count(*)) from b.r where ba = ra group by ra),"
          + " ROW(2.25, 0)) from b.b ORDER BY 1",
      "select id, coalesce((select ROW(min(ra), -count(*)) from b.r where ba = ra group by ra),"
          + " ROW(cast(-7 as bigint), 0)) from b.b ORDER BY 1",
      "select id, case when id > 3 then (select ROW(min(x), count(*)) from b.r where ba = ra)"
          + " else row('z', -1) end from b.b ORDER BY 1",
      "select id, (select ROW(min(x), count(*)) from b.r where ba = ra) = ROW('a', 3) from b.b ORDER BY 1",
      "select id from b.b where (select ROW(min(x), count(*)) from b.r where ba = ra) is null ORDER BY 1",
      "select id, coalesce((select ROW(min(x), count(*)) from b.e where ba = ra group by ra), ROW('q', 0))"
          + " from b.b ORDER BY 1",
      "select coalesce((select ROW(min(x), count(*)) from b.e group by ra), ROW('q', 0))",
      "select coalesce(row(1, 2), row(3, 4)), coalesce(null, row(3, 4))",
  })
  void answerAsInDuckDb(String sql) {
    assertThat(db.query(sql)).as(sql).isEqualTo(text(db.duck().query(sql)));
  }

  @Test void moreThanOneRowIsAnError() {
    String sql = "select id, (select ROW(x, y) from b.r where ba = ra) from b.b ORDER BY 1";
    assertThatThrownBy(() -> db.duck().query(sql));
    assertThatThrownBy(() -> db.query(sql)).isInstanceOf(FloeException.class);
  }

  /** DuckDB's rows as Floe writes them: {@code (a, NULL, 1)}. */
  private static List<List<Object>> text(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(v -> v instanceof Struct s ? text(s) : v).toList())
        .toList();
  }

  private static Object text(Struct row) {
    try {
      return Arrays.stream(row.getAttributes()).map(v -> v == null ? "NULL" : String.valueOf(v))
          .collect(Collectors.joining(", ", "(", ")"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
