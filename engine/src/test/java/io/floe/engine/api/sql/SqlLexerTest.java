package io.floe.engine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lexer reads text as DuckDB does, checked against DuckDB itself: where a comment ends, which
 * characters are whitespace and which belong to identifiers. A difference would let a statement
 * that Floe sees as one (a comment hiding a semicolon) run as several in DuckDB.
 */
class SqlLexerTest {
  @Test void lineCommentsEndAtCarriageReturnAsInDuckDb() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      for (char end : new char[] {'\n', '\r', '\u000b', '\f', '\u0085', '\u2028', '\u2029'}) {
        String sql = "select 1 as x --c" + end + ", 2 as y";
        boolean duckDbEndsComment = columns(c, sql) == 2;
        boolean floeEndsComment = SqlLexer.significant(sql).stream().anyMatch(t -> t.is("y"));
        assertThat(floeEndsComment).as("comment ended by U+%04X", (int) end)
            .isEqualTo(duckDbEndsComment);
      }
    }
    assertThat(SqlLexer.splitStatements("select 1 from pg_class --\r; COMMIT; INSERT INTO t VALUES (1)"))
        .hasSize(3);
  }

  @Test void whitespaceAndIdentifierCharactersAreDuckDbs() throws SQLException {
    List<String> differences = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      for (char ch = 1; ch < 0x3001; ch++) {
        boolean candidate = ch < 0x20 || (ch >= 0x7f && ch <= 0xa0) || Character.isWhitespace(ch)
            || Character.isSpaceChar(ch) || ch == 0x180e || (ch >= 0x200b && ch <= 0x200d)
            || ch == 0x2060 || ch == 0x00e9 || ch == 0x0663 || ch == 0x20ac;
        if (!candidate) {
          continue;
        }
        for (String sql : List.of("select 1 as a" + ch + "b", "select 1 as " + ch + "b")) {
          String duckDb = duckDbReading(c, sql);
          String floe = floeReading(sql);
          if (!floe.equals(duckDb)) {
            differences.add(String.format("U+%04X in '%s': DuckDB %s, Floe %s", (int) ch,
                sql.substring(12), duckDb, floe));
          }
        }
      }
      for (char ch : new char[] {'\ufeff', '\u3000'}) {
        assertThat(SqlLexer.isSpace(ch)).isTrue();
        assertThat(duckDbReading(c, "select 1 as a" + ch + "b")).isEqualTo("space");
      }
    }
    assertThat(differences).isEmpty();
  }

  @Test void dollarQuotesAndDigitsAreAscii() {
    assertThat(SqlLexer.significant("select $a\u20ac$x;y$a\u20ac$")).hasSize(2);
    assertThat(SqlLexer.significant("select a\u0663")).extracting(SqlLexer.Token::text)
        .containsExactly("select", "a\u0663");
    assertThat(SqlLexer.significant("select $1")).extracting(SqlLexer.Token::type)
        .containsExactly(SqlLexer.Type.WORD, SqlLexer.Type.PARAM);
  }

  /**
   * How DuckDB reads the character in {@code select 1 as a<c>b} or {@code select 1 as <c>b}:
   * "identifier" when it is part of the alias, "space" when it separates words.
   */
  private static String duckDbReading(Connection c, String sql) {
    String alias = sql.substring(12);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      String label = rs.getMetaData().getColumnLabel(1);
      return label.equals(alias) ? "identifier" : label.equals("b") ? "space" : "label " + label;
    } catch (SQLException e) {
      return e.getMessage().contains("at or near \"b\"") ? "space" : "error " + e.getMessage();
    }
  }

  /** The same reading by Floe's lexer: the kind of the token that holds the character. */
  private static String floeReading(String sql) {
    String alias = sql.substring(12);
    int at = alias.length() == 3 ? 13 : 12;
    for (SqlLexer.Token t : SqlLexer.tokenize(sql)) {
      if (t.start() <= at && at < t.start() + t.text().length()) {
        return t.type() == SqlLexer.Type.SPACE ? "space"
            : t.type() == SqlLexer.Type.WORD && t.text().equals(alias) ? "identifier" : "other " + t;
      }
    }
    return "none";
  }

  private static int columns(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.getMetaData().getColumnCount();
    }
  }
}
