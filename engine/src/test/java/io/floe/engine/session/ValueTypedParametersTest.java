package io.floe.engine.session;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parameter bound to a value its inferred type cannot hold is typed from the value, as
 * PostgreSQL types a parameter from what the client sends: answers checked in PostgreSQL 15
 * ({@code select i / $1} with a float8, numeric or int8 parameter).
 */
class ValueTypedParametersTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"i INTEGER"}, "i\n7\n"));

  @Test
  void fractionalValueDividesAsItsType() {
    assertThat(db.query("SELECT i / ? FROM b.t", 2.0)).isEqualTo(List.of(List.of(3.5)));
    assertThat(db.query("SELECT i/? FROM b.t", 2.0)).isEqualTo(List.of(List.of(3.5)));
    // As the same value written as a literal.
    assertThat(db.query("SELECT i / ? FROM b.t", new BigDecimal("2.0")))
        .isEqualTo(db.query("SELECT i / 2.0 FROM b.t"));
    // An integer value keeps the statement's typing.
    assertThat(db.query("SELECT i / ? FROM b.t", 2)).isEqualTo(List.of(List.of(3)));
    assertThat(db.query("SELECT i / ? FROM b.t", 2L)).isEqualTo(List.of(List.of(3)));
  }

  @Test
  void onlyTheParameterThatDoesNotFitIsRetyped() {
    assertThat(db.query("SELECT i / ?, i / ? FROM b.t WHERE i = ?", 2, 2.0, 7))
        .isEqualTo(List.of(List.of(3, 3.5)));
    assertThat(db.query("SELECT count(*) FROM b.t WHERE i = ?", 7.5)).isEqualTo(List.of(List.of(0L)));
  }

  @Test
  void wideIntegerWidens() {
    assertThat(db.query("SELECT i + ? FROM b.t", 5_000_000_000L))
        .isEqualTo(List.of(List.of(5_000_000_007L)));
  }

  @Test
  void whereACastCannotStandTheValueConvertsAsBefore() {
    assertThat(db.query("SELECT i FROM b.t LIMIT ?", 1.0)).isEqualTo(List.of(List.of(7)));
  }

  @Test
  void fractionalTextIsRefusedNotTruncated() {
    assertThatThrownBy(() -> db.query("SELECT i / ? FROM b.t", "2.5"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
        .hasMessageContaining("invalid input syntax for type integer: \"2.5\"");
    assertThatThrownBy(() -> db.query("SELECT i / ? FROM b.t", "99999999999"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OUT_OF_RANGE));
  }
}
