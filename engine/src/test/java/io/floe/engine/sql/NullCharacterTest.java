package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text holds no null character, as in PostgreSQL: a constant Floe computes while planning that would
 * hold one fails with 54000.
 */
class NullCharacterTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK", "v VARCHAR"},
      csv("id,v", "1,goose", "2,duck")));

  @ParameterizedTest
  @ValueSource(strings = {
      "select v from b.t where v like concat('%', chr(0), '%')",
      "select v from b.t where v = 'a' || chr(0)",
      "select length(chr(0))",
      "select v from b.t where v = chr(1 - 1)",
  })
  void refusesANullCharacter(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.PROGRAM_LIMIT_EXCEEDED))
        .hasMessageContaining("null character not permitted");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select chr(65) as c",
      "select v from b.t where v like concat('%', chr(111), '%') order by v",
  })
  void answersOtherCharacters(String sql) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }
}
