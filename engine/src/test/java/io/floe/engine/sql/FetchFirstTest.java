package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code FETCH FIRST [n] ROW[S] ONLY} as in PostgreSQL (answers checked there). */
class FetchFirstTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER", "v INTEGER"},
      "id,v\n1,10\n2,20\n3,20\n4,30\n"));

  @Test
  void withoutACountItIsOneRow() {
    assertThat(db.query("select id from b.t order by v desc, id fetch first row only"))
        .isEqualTo(List.of(List.of(4)));
    assertThat(db.query("select id from b.t order by id offset 1 rows fetch next rows only"))
        .isEqualTo(List.of(List.of(2)));
    assertThat(db.query("select id from b.t order by id fetch first 2 rows only"))
        .isEqualTo(List.of(List.of(1), List.of(2)));
    assertThat(db.query("select 'fetch first row only' as s")).isEqualTo(List.of(List.of("fetch first row only")));
  }

  @Test
  void withTiesIsRefusedWithAHint() {
    assertThatThrownBy(() -> db.query("select id from b.t order by v fetch first 2 rows with ties"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
          assertThat(e.hint()).contains("rank()");
        });
  }
}
