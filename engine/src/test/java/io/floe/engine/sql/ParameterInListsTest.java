package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parameter tested against an IN list takes the list's type, as PostgreSQL 15 types
 * {@code $1 IN (1, 2, 3)} integer (checked in psql); a parameter whose type nothing tells fails with
 * 42P18 in PostgreSQL's words, never with a Java class name.
 */
class ParameterInListsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER", "qty INTEGER", "cust_id INTEGER"},
          csv("id,qty,cust_id", "1,2,7", "2,5,2", "3,1,1")));

  @Test void parameterTakesTheListsType() {
    assertThat(db.query("SELECT ? IN (1, 2, 3), ? NOT IN (1, 2.5)", 2, 2)).isEqualTo(List.of(List.of(true, true)));
    assertThat(db.query("SELECT ? IN (1, 2, 3)", "3")).isEqualTo(List.of(List.of(true)));
    assertThat(db.query("SELECT id FROM b.t WHERE ? IN (qty, cust_id) ORDER BY id", 2))
        .isEqualTo(List.of(List.of(1), List.of(2)));
    // Integer, as in PostgreSQL: text that is no integer fails as there.
    assertThatThrownBy(() -> db.query("SELECT ? IN (1, 2, 3)", "2.5"))
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA))
        .hasMessageContaining("invalid input syntax for type integer");
  }

  @Test void untypedParameterFailsInPostgresWords() {
    assertThatThrownBy(() -> db.query("SELECT ? IN (?, ?)", 1, 2, 3))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INDETERMINATE_DATATYPE))
        .hasMessageContaining("could not determine data type of parameter")
        .hasMessageNotContaining("class ");
  }
}
