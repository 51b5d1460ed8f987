package io.floe.engine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexedStatementTest {
  @Test void splitsAScriptAtTopLevelSemicolonsOnly() {
    List<LexedStatement> parts = LexedStatement.split(
        "select ';' as a; select (1;2) -- x;\r select 3; /* ; */ ;");
    assertThat(parts).extracting(LexedStatement::text).containsExactly(
        "select ';' as a", " select (1;2) -- x;\r select 3", " /* ; */ ");
    assertThat(parts).extracting(LexedStatement::isEmpty).containsExactly(false, false, true);
    assertThat(LexedStatement.split("")).extracting(LexedStatement::text).containsExactly("");
  }

  @Test void tokenOffsetsPointIntoTheStatementsOwnText() {
    for (LexedStatement s : LexedStatement.split("select 1;  select  x  from t")) {
      for (SqlLexer.Token t : s.tokens()) {
        assertThat(s.text().substring(t.start(), t.start() + t.text().length())).isEqualTo(t.text());
      }
      assertThat(s.tokens()).isEqualTo(SqlLexer.tokenize(s.text()));
    }
  }

  @Test void replacesTokensWithoutLexingAgain() {
    LexedStatement s = LexedStatement.of("select $1 + $2 from t where x = '$1';");
    LexedStatement replaced = s.replace(t -> t.type() == SqlLexer.Type.PARAM
        ? SqlLexer.tokenize("CAST(? AS INTEGER)") : null).trimmed();
    assertThat(replaced.text())
        .isEqualTo("select CAST(? AS INTEGER) + CAST(? AS INTEGER) from t where x = '$1'");
    // What a fresh lex of the new text gives, offsets included.
    assertThat(replaced.tokens()).isEqualTo(SqlLexer.tokenize(replaced.text()));
    assertThat(s.replace(t -> null)).isSameAs(s);
  }

  @Test void knowsItsFirstWordAndDepth() {
    LexedStatement s = LexedStatement.of(" /* c */ DESCRIBE select ((1)), [2]");
    assertThat(s.first().is("describe")).isTrue();
    assertThat(s.depth()).isEqualTo(2);
    assertThat(LexedStatement.of("-- only a comment").first()).isNull();
    assertThat(LexedStatement.of(" ; ;").isEmpty()).isTrue();
  }

  @Test void depthLimitIsCheckedOnTheLexedStatement() {
    String deep = "select " + "(".repeat(StatementDepth.MAX + 1) + "1" + ")".repeat(StatementDepth.MAX + 1);
    assertThatThrownBy(() -> StatementDepth.check(LexedStatement.of(deep)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TOO_COMPLEX));
    StatementDepth.check(LexedStatement.of("select '((((' || ((1))"));
  }
}
