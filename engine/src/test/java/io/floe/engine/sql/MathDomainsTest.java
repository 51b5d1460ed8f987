package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Square roots, logarithms and powers outside their domain fail with PostgreSQL's SQLSTATE and
 * words, where DuckDB answers NaN or an infinity; inside it they answer (each checked in
 * PostgreSQL 15).
 */
class MathDomainsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("m", new String[] {"x DOUBLE", "z DOUBLE"},
      "x,z\n-1,0\n"));

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "sqrt(-1);2201F;cannot take square root of a negative number",
      "sqrt(x);2201F;cannot take square root of a negative number",
      "ln(0);2201E;cannot take logarithm of zero",
      "ln(z);2201E;cannot take logarithm of zero",
      "ln(x);2201E;cannot take logarithm of a negative number",
      "log10(-1);2201E;cannot take logarithm of a negative number",
      "power(0, -1);2201F;zero raised to a negative power is undefined",
      "power(z, x);2201F;zero raised to a negative power is undefined",
      "power(-1, 0.25);2201F;a negative number raised to a non-integer power yields a complex result",
  })
  void outsideTheDomainFailsAsInPostgres(String expression, String sqlState, String message) {
    assertThatThrownBy(() -> db.query("SELECT " + expression + " FROM b.m"))
        .as(expression)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(sqlState);
          assertThat(e.getMessage()).contains(message);
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "sqrt(4);2.0",
      "sqrt(-x);1.0",
      "ln(1);0.0",
      "log10(100);2.0",
      "power(-2, 3);-8.0",
      "power(x, 2);1.0",
      "power(2, -1);0.5",
  })
  void insideTheDomainAnswers(String expression, String expected) {
    assertThat(db.query("SELECT " + expression + " FROM b.m").toString())
        .as(expression).isEqualTo("[[" + expected + "]]");
  }
}
