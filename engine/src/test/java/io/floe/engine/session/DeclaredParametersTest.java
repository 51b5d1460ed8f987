package io.floe.engine.session;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.testing.SqlFixture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parameters typed as the client declared them (PostgreSQL's Parse message), planned by the
 * engine for every front-end that has declared types: an untyped parameter takes its declared type
 * or text, a query parameter declared wider than the statement makes it takes the declared type,
 * and where a cast cannot stand the statement's own typing stays. Answers as in PostgreSQL 15.
 */
class DeclaredParametersTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"i INTEGER"}, "i\n7\n"));

  private static final ColumnType DOUBLE = ColumnType.of(TypeName.DOUBLE);
  private static final ColumnType INTEGER = ColumnType.of(TypeName.INTEGER);

  private static Prepared prepare(String sql, ColumnType... declared) {
    return db.session().prepare(LexedStatement.of(sql), Arrays.asList(declared));
  }

  @Test void anUntypedParameterTakesItsDeclaredTypeOrText() {
    assertThatThrownBy(() -> db.session().prepare("SELECT ?"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INDETERMINATE_DATATYPE));
    assertThat(prepare("SELECT ?", INTEGER).parameterTypes()).containsExactly(INTEGER);
    assertThat(prepare("SELECT ?", (ColumnType) null).parameterTypes())
        .containsExactly(ColumnType.of(TypeName.VARCHAR));
    // The undeclared one takes the type coalesce gives it, as PostgreSQL resolves unknown.
    Prepared both = prepare("SELECT coalesce(?, ?)", DOUBLE, null);
    assertThat(both.parameterTypes()).extracting(ColumnType::name)
        .containsExactly(TypeName.DOUBLE, TypeName.DOUBLE);
  }

  @Test void withNoTypesDeclaredAnUntypedParameterIsText() {
    Prepared plan = db.session().prepare(LexedStatement.of("SELECT ?, upper(?)"), List.of());
    assertThat(plan.parameterTypes()).extracting(ColumnType::name)
        .containsExactly(TypeName.VARCHAR, TypeName.VARCHAR);
    assertThat(plan.sql()).contains("CAST(? AS VARCHAR)");
    Prepared in = db.session().prepare(LexedStatement.of("SELECT ? IN (?, ?)"), List.of());
    assertThat(in.parameterTypes()).extracting(ColumnType::name)
        .containsExactly(TypeName.VARCHAR, TypeName.VARCHAR, TypeName.VARCHAR);
    assertThat(db.session().execute(in, List.of("b", "a", "b")).cursor()).satisfies(c -> {
      assertThat(c.next()).isTrue();
      assertThat(c.get(0)).isEqualTo(true);
      c.close();
    });
  }

  @Test void aWiderDeclaredNumberTypesTheQueryParameter() {
    Prepared plan = prepare("SELECT i / ? FROM b.t", DOUBLE);
    assertThat(plan.parameterTypes()).containsExactly(DOUBLE);
    assertThat(plan.sql()).contains("CAST(? AS DOUBLE)");
    assertThat(db.session().execute(plan, List.of(2.0)).cursor()).satisfies(c -> {
      assertThat(c.next()).isTrue();
      assertThat(c.get(0)).isEqualTo(3.5);
      c.close();
    });
    // Declared as the statement types it: the statement as written.
    Prepared same = prepare("SELECT i / ? FROM b.t", INTEGER);
    assertThat(same.sql()).isEqualTo("SELECT i / ? FROM b.t");
  }

  @Test void whereACastCannotStandTheStatementsTypingStays() {
    Prepared limit = prepare("SELECT i FROM b.t LIMIT ?", DOUBLE);
    assertThat(limit.sql()).isEqualTo("SELECT i FROM b.t LIMIT ?");
    // A write converts the value to its column: no cast.
    Prepared noDeclared = prepare("SELECT i FROM b.t WHERE i = ?");
    assertThat(noDeclared.parameterTypes()).containsExactly(INTEGER);
  }
}
