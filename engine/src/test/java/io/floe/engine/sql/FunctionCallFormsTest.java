package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's function-call forms of trim, overlay and substring, as Calcite's parser reads them. */
class FunctionCallFormsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select trim(s, 'ho')|select trim(both ('ho') from (s))",
      "select TRIM(a, b), ltrim(a, b), rtrim(a, 'x')|select trim(both (b) from (a)), ltrim(a, b), rtrim(a, 'x')",
      "select overlay('abcdef', 'XX', 3)|select overlay(('abcdef') placing ('XX') from (3))",
      "select overlay(s, trim(s, 'x'), 3, 0)|select overlay((s) placing (trim(both ('x') from (s))) from (3) for (0))",
      "select SUBSTRING('hello' FOR 3), substring(s for length(s) - 1)|select substring('hello' from 1 FOR 3), substring(s from 1 for length(s) - 1)",
      "select substring(substring(s for 4) for 2)|select substring(substring(s from 1 for 4) from 1 for 2)",
      "select substring(s from 2 for 3), substring(s, 2, 3), substring(s from 2)|select substring(s from 2 for 3), substring(s, 2, 3), substring(s from 2)",
      // Already in the standard's form, another number of arguments, a method call, text.
      "select trim(both 'x' from s), trim(s), ltrim(s), trim(from s)|select trim(both 'x' from s), trim(s), ltrim(s), trim(from s)",
      "select overlay(s placing 'x' from 2 for 1), overlay(s, 'x')|select overlay(s placing 'x' from 2 for 1), overlay(s, 'x')",
      "select v.trim('x', 'y'), 'trim(a, b)' /* overlay(a, b, c) */|select v.trim('x', 'y'), 'trim(a, b)' /* overlay(a, b, c) */",
  })
  void rewritesFunctionCallsIntoTheStandardSyntax(String sql, String rewritten) {
    assertThat(FunctionCallForms.rewrite(sql)).isEqualTo(rewritten);
  }
}
