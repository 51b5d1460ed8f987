package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
  @Test void readsStatementsAndQueriesIgnoringExpectedResults() {
    SltScript script = SltParser.parse("x.test", """
        # name: x.test
        statement ok
        CREATE TABLE t(i INTEGER)

        statement error
        SELECT 1 // 0
        ----
        Division by zero

        query I rowsort
        SELECT i
        FROM t
        ----
        1
        2

        query II nosort some_label
        SELECT 1, 2
        ----
        1\t2
        """);
    assertThat(script.skipReason()).isNull();
    assertThat(script.records()).containsExactly(
        new SltRecord.Statement("x.test:2", 2, "CREATE TABLE t(i INTEGER)", false),
        new SltRecord.Statement("x.test:5", 5, "SELECT 1 // 0", true),
        new SltRecord.Query("x.test:10", 10, "SELECT i\nFROM t", SortMode.ROWSORT),
        new SltRecord.Query("x.test:17", 17, "SELECT 1, 2", SortMode.NOSORT));
  }

  @Test void expandsLoopsWithAnIdPerExecution() {
    SltScript script = SltParser.parse("x.test", """
        loop i 0 2

        query I
        SELECT ${i}

        endloop

        foreach type integer <signed>

        statement ok
        SELECT CAST(1 AS ${type})

        endloop
        """);
    assertThat(script.records()).extracting(SltRecord::id, SltRecord::sql).containsExactly(
        org.assertj.core.groups.Tuple.tuple("x.test:3", "SELECT 0"),
        org.assertj.core.groups.Tuple.tuple("x.test:3#2", "SELECT 1"),
        org.assertj.core.groups.Tuple.tuple("x.test:10", "SELECT CAST(1 AS integer)"),
        org.assertj.core.groups.Tuple.tuple("x.test:10#2", "SELECT CAST(1 AS tinyint)"),
        org.assertj.core.groups.Tuple.tuple("x.test:10#3", "SELECT CAST(1 AS smallint)"),
        org.assertj.core.groups.Tuple.tuple("x.test:10#4", "SELECT CAST(1 AS integer)"),
        org.assertj.core.groups.Tuple.tuple("x.test:10#5", "SELECT CAST(1 AS bigint)"),
        org.assertj.core.groups.Tuple.tuple("x.test:10#6", "SELECT CAST(1 AS hugeint)"));
  }

  @Test void appliesConditionsAsDuckDbsRunnerDoes() {
    SltScript script = SltParser.parse("x.test", """
        skipif duckdb
        query I
        SELECT 1

        onlyif duckdb
        query I
        SELECT 2

        onlyif mysql
        query I
        SELECT 3

        mode skip

        query I
        SELECT 4

        mode unskip

        query I
        SELECT 5

        halt

        query I
        SELECT 6
        """);
    assertThat(script.records()).extracting(SltRecord::sql).containsExactly("SELECT 2", "SELECT 5");
  }

  @Test void skipsScriptsNeedingWhatTheHarnessCannotGive() {
    for (String text : List.of("statement ok con1\nSELECT 1\n", "require parquet\n",
        "load __TEST_DIR__/x.db\n", "query I con2\nSELECT 1\n", "foreach t <all_types_columns>\nendloop\n")) {
      assertThat(SltParser.parse("x.test", text).skipReason()).as(text).isNotNull();
    }
    assertThat(SltParser.parse("x.test", "require skip_reload\nhash-threshold 8\n").skipReason()).isNull();
  }
}
