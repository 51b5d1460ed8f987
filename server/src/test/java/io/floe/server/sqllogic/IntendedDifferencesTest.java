package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules that call a Floe failure intended speak only of the statements docs/sql.md describes:
 * each accepts its example and turns away a look-alike that is a real failure.
 */
class IntendedDifferencesTest {
  @Test void selectListAliasesInWhereAreIntendedButOtherMissingColumnsAreNot() {
    assertThat(rule("SELECT i % 2 AS k FROM integers WHERE k <> 0", "42703",
        "column \"k\" does not exist (line 1, column 39)")).hasValue("select-list-aliases");
    assertThat(rule("SELECT i % 2 AS k FROM integers WHERE j <> 0", "42703",
        "column \"j\" does not exist (line 1, column 39)")).isEmpty();
    // A table's alias is not a select-list alias (there PostgreSQL reads a whole-row reference).
    assertThat(rule("SELECT t FROM test AS t", "42703", "column \"t\" does not exist")).isEmpty();
  }

  @Test void anUngroupedColumnNamedAsAnAliasIsIntended() {
    assertThat(rule("SELECT i % 2 AS i, count(*) FROM integers GROUP BY 1 HAVING i > 0", "42803",
        "column \"integers.i\" must appear in the GROUP BY clause or be used in an aggregate function"))
        .hasValue("select-list-aliases");
    assertThat(rule("SELECT i % 2 AS k, count(*) FROM integers GROUP BY 1 HAVING i > 0", "42803",
        "column \"integers.i\" must appear in the GROUP BY clause or be used in an aggregate function"))
        .isEmpty();
  }

  @Test void quotedCapitalsAreIntendedOnlyWhenWrittenQuoted() {
    assertThat(rule("SELECT test.\"HELLO\" FROM test", "42703",
        "column \"test.HELLO\" does not exist")).hasValue("quoted-names-keep-their-case");
    assertThat(rule("SELECT test.hello FROM test", "42703",
        "column \"test.hello\" does not exist")).isEmpty();
  }

  @Test void siblingReferencesNeedLateral() {
    String sibling = "SELECT * FROM (SELECT 42) t1(i), (SELECT 22) t2(j), (SELECT 1 WHERE i+j=64) t3(l)";
    assertThat(rule(sibling, "42703", "column \"i\" does not exist")).hasValue("no-implicit-lateral");
    assertThat(rule("select * from (select 42) t(a), (select t.a + 1)", "42P01",
        "relation \"t\" does not exist")).hasValue("no-implicit-lateral");
    assertThat(rule(sibling.replace(", (SELECT 1", ", LATERAL (SELECT 1"), "42703",
        "column \"i\" does not exist")).isEmpty();
    // An outer query's column inside a sub-query in FROM is visible in PostgreSQL: not intended.
    assertThat(rule("SELECT * FROM t WHERE i IN (SELECT * FROM (SELECT i + 5))", "42703",
        "column \"t.i\" does not exist")).isEmpty();
  }

  @Test void methodCallsAndDuckDbSyntaxAreTheDialectsOwn() {
    assertThat(rule("SELECT v.lower() FROM varchars", "42883", "function lower() does not exist"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("SELECT lower() FROM varchars", "42883", "function lower() does not exist"))
        .isEmpty();
    assertThat(rule("FROM t", "0A000", "FROM-first queries are DuckDB's own syntax and not supported"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("SELECT 1", "0A000", "cannot plan statement")).isEmpty();
    assertThat(rule("SELECT mode(x ORDER BY y) OVER () FROM t", "0A000",
        "aggregate ORDER BY is not implemented for window functions"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
  }

  @Test void datesBeyondPostgreSqlsRangeAndAmbiguousLiteralsAreIntended() {
    assertThat(rule("SELECT DATE '0000-01-01'", "22008",
        "date/time field value out of range: \"0000-01-01\" (line 1, column 8)"))
        .hasValue("dates-within-postgresqls-range");
    assertThat(rule("select '5881580-07-10'::date - 1", "22008", "date out of range: \"5881580-07-10\""))
        .hasValue("dates-within-postgresqls-range");
    assertThat(rule("SELECT DATE '2020-01-01'", "22P02", "Conversion Error: date field value out of range"))
        .isEmpty();
    assertThat(rule("SELECT to_hex('duckdb')", "42725", "function to_hex(unknown) is not unique"))
        .hasValue("functions-take-postgresqls-arguments");
    assertThat(rule("SELECT to_hex(s) FROM t", "42883", "function to_hex(varchar) does not exist")).isEmpty();
    assertThat(rule("SELECT * FROM t WHERE v LIKE concat('%', chr(0), '%')", "54000",
        "null character not permitted")).hasValue("text-holds-no-null-character");
  }

  @Test void valuesColumnsAreNamedAsPostgreSqlNamesThem() {
    assertThat(rule("SELECT col0 AS a FROM (VALUES (1, 2)) v", "42703", "column \"col0\" does not exist"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("SELECT col0 FROM t", "42703", "column \"col0\" does not exist")).isEmpty();
  }

  @Test void intervalWithAParenthesizedCountIsDuckDbs() {
    assertThat(rule("select time '23:59:59.999999' + interval (1) microsecond", "42601",
        "syntax error at or near \"microsecond\" (line 1, column 46)"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("select interval (1) day + x microsecond", "42601",
        "syntax error at or near \"x\"")).isEmpty();
  }

  @Test void frameOffsetsAreConstants() {
    assertThat(rule("select avg(a) over (order by b rows between mod(b, 11) preceding and current row) from t",
        "42P10", "argument of ROWS must not contain variables")).hasValue("frame-offsets-are-constants");
    assertThat(rule("SELECT DISTINCT a FROM t ORDER BY b", "42P10",
        "for SELECT DISTINCT, ORDER BY expressions must appear in select list")).hasValue("select-list-aliases");
  }

  @Test void rowsOfZeroLengthDoNotCompare() {
    assertThat(rule("SELECT row() = row()", "0A000", "cannot compare rows of zero length"))
        .hasValue("row-comparisons");
    assertThat(rule("SELECT row()", "0A000", "a row of zero length (ROW()) is not supported")).isEmpty();
  }

  @Test void aRowAgainstASubQueryOfOneColumn() {
    assertThat(rule("SELECT (1, 2) IN (SELECT (i, i + 1) FROM integers)", "42601",
        "subquery has too few columns")).hasValue("row-comparisons");
    assertThat(rule("SELECT (1, 2) IN (SELECT (i, i + 1) FROM integers)", "42601",
        "syntax error at or near \"(\"")).isEmpty();
  }

  @Test void dateTruncTakesPostgreSqlsUnits() {
    assertThat(rule("SELECT date_trunc('yearweek', ts) FROM t", "22023",
        "unit \"yearweek\" not recognized by date_trunc")).hasValue("functions-take-postgresqls-arguments");
    assertThat(rule("SELECT date_trunc('hr', ts) FROM t", "22023",
        "unit \"hr\" not recognized by date_trunc")).isEmpty();
  }

  @Test void duckDbsTypeNamesAreNotPostgreSqls() {
    assertThat(rule("SELECT CAST(x AS SIGNED) FROM t", "42704", "type \"signed\" does not exist"))
        .hasValue("types-postgresql-has");
    assertThat(rule("SELECT '1'::TIME_NS", "42704", "type \"time_ns\" does not exist"))
        .hasValue("types-postgresql-has");
    // A type the statement's own setup would have created (an enum) is not DuckDB's.
    assertThat(rule("SELECT 'x'::mood", "42704", "type \"mood\" does not exist")).isEmpty();
  }

  @Test void namesPostgreSqlFindsAmbiguousAreIntended() {
    String message = "column reference \"i\" is ambiguous (line 1, column 64)";
    assertThat(rule("SELECT i, i % 2 AS i, SUM(i) FROM integers GROUP BY i ORDER BY i, 3", "42702", message))
        .hasValue("ambiguous-names");
    assertThat(rule("SELECT a.x, r.x FROM ((VALUES (1)) a(x) JOIN (VALUES (1)) b(x) USING (x)) "
        + "LEFT JOIN (VALUES (1)) r(x) ON EXISTS (SELECT 1 WHERE x = r.x)", "42702",
        "column reference \"x\" is ambiguous")).hasValue("ambiguous-names");
    assertThat(rule("SELECT t1.a, t2.a FROM test t1, test t2 WHERE t1.a=t2.a UNION SELECT b, b - 1 FROM test2 "
        + "ORDER BY t1.a, t2.a, test2.b", "42702", "column reference \"a\" is ambiguous"))
        .hasValue("order-by-of-a-set-operation");
    // PostgreSQL reads columns of a derived table that share a name by position: not intended.
    assertThat(rule("SELECT * FROM (SELECT 42 AS a, 44 AS a) tbl1", "42702",
        "column reference \"a\" is ambiguous (line 1, column 8)")).isEmpty();
  }

  @Test void setOperationsBooleansFunctionsAndTableNames() {
    assertThat(rule("SELECT a FROM t UNION SELECT b FROM u ORDER BY b", "42703",
        "column \"b\" does not exist")).hasValue("order-by-of-a-set-operation");
    assertThat(rule("SELECT a FROM test UNION SELECT b FROM test2 ORDER BY test2.b", "42P01",
        "relation \"test2\" does not exist")).hasValue("order-by-of-a-set-operation");
    // A recursive query is a set operation too; a name missing before its ORDER BY is not this.
    assertThat(rule("SELECT t2.* FROM (VALUES (1)) t(_corr), LATERAL (WITH RECURSIVE t AS (SELECT 1 AS x "
        + "UNION SELECT x FROM t WHERE x < _corr) SELECT * FROM t) t2 ORDER BY 1", "42703",
        "column \"t._corr\" does not exist")).isEmpty();
    assertThat(rule("SELECT 0 AND 1", "42804", "argument of AND must be type boolean, not type integer"))
        .hasValue("integers-are-not-booleans");
    assertThat(rule("SELECT avg(d) FROM t", "42883", "function avg(date) does not exist"))
        .hasValue("functions-take-postgresqls-arguments");
    assertThat(rule("SELECT factorial(3)", "42883", "function factorial(numeric) does not exist"))
        .isEmpty();
    assertThat(rule("SELECT * FROM t, t", "42712", "table name \"t\" specified more than once"))
        .hasValue("table-names-once-per-from");
  }

  @Test void textBesideANumberIsRefused() {
    assertThat(rule("select i=1 from (values ('01')) t(i)", "42883",
        "operator does not exist: text = integer (line 1, column 8)")).hasValue("text-is-not-a-number");
    assertThat(rule("SELECT 1 + x FROM t", "42883", "operator does not exist: integer + text"))
        .hasValue("text-is-not-a-number");
    assertThat(rule("SELECT x FROM t", "42883", "operator does not exist: //")).isEmpty();
    assertThat(rule("SELECT lower(1)", "42883", "function lower(integer) does not exist")).isEmpty();
  }

  @Test void refusalsPostgreSqlMakes() {
    assertThat(rule("SELECT i 'hello world' FROM integers", "42704", "type \"i\" does not exist"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("SELECT 1 'x'", "42601", "syntax error at or near \"'x'\" (line 1, column 10)"))
        .hasValue("what-floe-does-not-take-from-duckdbs-dialect");
    assertThat(rule("SELECT CAST(x AS i)", "42704", "type \"i\" does not exist")).isEmpty();
    assertThat(rule("SELECT t.id FROM t, u WHERE t.i = u.i GROUP BY id", "42702",
        "column reference \"id\" is ambiguous")).hasValue("ambiguous-names");
    assertThat(rule("SELECT * FROM t1 JOIN t2 USING (a) JOIN t2 t3 USING (b)", "42702",
        "common column name \"b\" appears more than once in left table"))
        .hasValue("refused-as-postgresql-refuses-them");
  }

  @Test void answersWhereDuckDbFailsAsPostgreSqlAnswers() {
    assertThat(answer("SELECT \"HeLlO\" FROM test1, test2",
        "Binder Error: Ambiguous reference to column name \"HeLlO\" (use: 'test1.HeLlO' or 'test2.HeLlO')"))
        .hasValue("quoted-names-keep-their-case");
    // The same name in two tables, unquoted: ambiguous in PostgreSQL too.
    assertThat(answer("SELECT hello FROM test1, test2",
        "Binder Error: Ambiguous reference to column name \"hello\" (use: 'test1.hello' or 'test2.hello')"))
        .isEmpty();
    assertThat(answer("SELECT g, count(DISTINCT value::INTEGER) FILTER (WHERE keep) FROM t GROUP BY g",
        "Conversion Error: Could not convert string 'bad' to INT32")).hasValue("filter-comes-before-the-arguments");
    assertThat(answer("SELECT g, count(DISTINCT value::INTEGER) FROM t GROUP BY g",
        "Conversion Error: Could not convert string 'bad' to INT32")).isEmpty();
    assertThat(answer("select * from (values (1)) tbl(a) natural join (values (1), (2)) tbl2(b)",
        "Binder Error: No columns found to join on in NATURAL JOIN.")).hasValue("natural-joins");
    assertThat(answer("SELECT '0.1'::DECIMAL(40)",
        "Binder Error: DECIMAL type width must be between 1 and 38")).hasValue("numbers-beyond-38-digits");
    assertThat(answer("SELECT 1 = 1 = 1", "Parser Error: Chained comparisons are not supported")).isEmpty();
    String hex = "Conversion Error: Invalid hex escape code encountered in string -> blob conversion "
        + "of string \"\\x\": unterminated escape code at end of blob";
    assertThat(answer("SELECT '\\x'::BYTEA", hex)).hasValue("bytea-literals-in-postgresqls-hex-format");
    // Text from a column is read as DuckDB reads it: its failure is no intended difference.
    assertThat(answer("SELECT s::BYTEA FROM t", hex)).isEmpty();
  }

  @Test void mathOutsideItsDomainIsIntendedOnlyWithPostgresWords() {
    assertThat(rule("SELECT sqrt(-1)", "2201F", "cannot take square root of a negative number"))
        .hasValue(IntendedDifferences.MATH_DOMAINS);
    assertThat(rule("SELECT ln(0)", "2201E", "cannot take logarithm of zero"))
        .hasValue(IntendedDifferences.MATH_DOMAINS);
    assertThat(rule("SELECT ln(0)", "22023", "cannot take logarithm of zero")).isEmpty();
    assertThat(rule("SELECT sqrt(x) FROM t", "2201F", "something else")).isEmpty();
    assertThat(rule("SELECT '1.5'::INTEGER", "22P02", "invalid input syntax for type integer: \"1.5\""))
        .hasValue("integer-input");
    assertThat(rule("SELECT '1.5'::DATE", "22P02", "invalid input syntax for type date: \"1.5\""))
        .isEmpty();
    // Text the statement does not write (a value from a column, Floe's own) is no such case.
    assertThat(rule("SELECT * FROM t LIMIT (SELECT -1)", "22P02",
        "invalid input syntax for type bigint: \"LIMIT must not be negative\"")).isEmpty();
  }

  @Test void aWholeRowIsDuckDbsNamedStructWithoutItsNames() {
    Outcome.Rows floe = new Outcome.Rows(List.of("d"), List.of(List.of("(1, x)"), List.of("(2, y)")));
    Outcome.Rows duck = new Outcome.Rows(List.of("d"), List.of(
        List.of(new Cells.NamedRow("{'a': 2, 'b': y}", "(2, y)")),
        List.of(new Cells.NamedRow("{'a': 1, 'b': x}", "(1, x)"))));
    assertThat(IntendedDifferences.explainsRows("SELECT d FROM d", floe, duck)).get().asString()
        .contains("docs/sql.md#whole-row-references");
    Outcome.Rows other = new Outcome.Rows(List.of("d"), List.of(
        List.of(new Cells.NamedRow("{'a': 2, 'b': z}", "(2, z)")),
        List.of(new Cells.NamedRow("{'a': 1, 'b': x}", "(1, x)"))));
    assertThat(IntendedDifferences.explainsRows("SELECT d FROM d", floe, other)).isEmpty();
  }

  private static Optional<String> answer(String sql, String duckDbMessage) {
    return IntendedDifferences.floeAnswer(sql, new Outcome.Failure(null, duckDbMessage))
        .map(IntendedDifferences.Answer::section);
  }

  private static Optional<String> rule(String sql, String sqlState, String message) {
    return IntendedDifferences.floeFailure(sql, new Outcome.Failure(sqlState, message))
        .map(IntendedDifferences.Rule::section);
  }
}
