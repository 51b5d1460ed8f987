package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** float4 and float8 text output as PostgreSQL 15 writes it (expected texts taken from psql). */
class PgFloatsTest {
  @Test void float8IsShortestRoundTripWithPostgresqlsExponentRule() {
    assertThat(PgFloats.float8(1653960310.5, 1)).isEqualTo("1653960310.5");
    assertThat(PgFloats.float8(0.00075, 1)).isEqualTo("0.00075");
    assertThat(PgFloats.float8(1e15, 1)).isEqualTo("1e+15");
    assertThat(PgFloats.float8(1e16, 1)).isEqualTo("1e+16");
    assertThat(PgFloats.float8(1e14, 1)).isEqualTo("100000000000000");
    assertThat(PgFloats.float8(999999999999999d, 1)).isEqualTo("999999999999999");
    assertThat(PgFloats.float8(123456789012345.6, 1)).isEqualTo("123456789012345.6");
    assertThat(PgFloats.float8(123456789012345680d, 1)).isEqualTo("1.2345678901234568e+17");
    assertThat(PgFloats.float8(1e-5, 1)).isEqualTo("1e-05");
    assertThat(PgFloats.float8(1.5e-5, 3)).isEqualTo("1.5e-05");
    assertThat(PgFloats.float8(0.0001, 1)).isEqualTo("0.0001");
    assertThat(PgFloats.float8(-0.0, 1)).isEqualTo("-0");
    assertThat(PgFloats.float8(0.0, 1)).isEqualTo("0");
    assertThat(PgFloats.float8(100, 1)).isEqualTo("100");
    assertThat(PgFloats.float8(0.1 + 0.2, 1)).isEqualTo("0.30000000000000004");
    assertThat(PgFloats.float8(Double.MIN_VALUE, 1)).isEqualTo("5e-324");
    assertThat(PgFloats.float8(Double.MAX_VALUE, 1)).isEqualTo("1.7976931348623157e+308");
    assertThat(PgFloats.float8(Double.NaN, 1)).isEqualTo("NaN");
    assertThat(PgFloats.float8(Double.POSITIVE_INFINITY, 1)).isEqualTo("Infinity");
    assertThat(PgFloats.float8(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
    // A decimal exactly halfway to a neighbour is not taken, though Java reads it back.
    assertThat(PgFloats.float8(-2.9001889306876728e16, 1)).isEqualTo("-2.9001889306876728e+16");
  }

  @Test void float4IsItsOwnShortestTextNotTheWidenedDouble() {
    assertThat(PgFloats.float4(0.1f, 1)).isEqualTo("0.1");
    assertThat(PgFloats.float4(1e6f, 1)).isEqualTo("1e+06");
    assertThat(PgFloats.float4(123456f, 1)).isEqualTo("123456");
    assertThat(PgFloats.float4(1234567f, 1)).isEqualTo("1.234567e+06");
    assertThat(PgFloats.float4(1.5e-7f, 1)).isEqualTo("1.5e-07");
    assertThat(PgFloats.float4(3.4028235e38f, 1)).isEqualTo("3.4028235e+38");
    assertThat(PgFloats.float4(-0f, 1)).isEqualTo("-0");
    assertThat(PgFloats.float4(44612392f, 1)).isEqualTo("4.4612392e+07");
  }

  @Test void extraFloatDigitsZeroOrBelowIsPrintfG() {
    assertThat(PgFloats.float8(1 / 3d, 0)).isEqualTo("0.333333333333333");
    assertThat(PgFloats.float8(0.1 + 0.2, 0)).isEqualTo("0.3");
    assertThat(PgFloats.float8(999999999999999.9, 0)).isEqualTo("1e+15");
    assertThat(PgFloats.float8(2.5e-5, 0)).isEqualTo("2.5e-05");
    assertThat(PgFloats.float4(123456789f, 0)).isEqualTo("1.23457e+08");
    assertThat(PgFloats.float8(1 / 3d, -3)).isEqualTo("0.333333333333");
    assertThat(PgFloats.float8(12345678901234d, -3)).isEqualTo("1.23456789012e+13");
    assertThat(PgFloats.float4(1234567f, -3)).isEqualTo("1.23e+06");
  }

  @Test void shortestTextReadsBack() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      float f = Float.intBitsToFloat(random.nextInt());
      if (!Double.isNaN(d)) {
        assertThat(Double.parseDouble(PgFloats.float8(d, 1))).isEqualTo(d);
      }
      if (!Float.isNaN(f)) {
        assertThat(Float.parseFloat(PgFloats.float4(f, 1))).isEqualTo(f);
      }
    }
  }

  @Test void clientsReadPostgresqlsTextOverTheWire() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (PgTestServer pg = new PgTestServer(); Connection c = pg.connect(simple);
         Statement s = c.createStatement()) {
      assertThat(row(s, "select 1653960310.5::float8, 0.00075::float8, 1e15::float8, "
          + "'-0.0'::float8, 0.0::float8 * -1, cast(-0.0 as double precision), 0.1::real, 1e6::real, "
          + "cast('NaN' as double precision)"))
          .containsExactly("1653960310.5", "0.00075", "1e+15", "-0", "-0", "0", "0.1", "1e+06", "NaN");
      s.execute("create table readings (r real, d double precision)");
      s.execute("insert into readings values (0.1, 0.1), (3.4028235e38, 1e-5)");
      assertThat(row(s, "select string_agg(r::text, ' ' order by d), string_agg(d::text, ' ' order by d) "
          + "from readings")).containsExactly("3.4028235e+38 0.1", "1e-05 0.1");
      assertThat(row(s, "select r, d from readings where d = 0.1")).containsExactly("0.1", "0.1");
      s.execute("set extra_float_digits = 0");
      assertThat(row(s, "select 1::float8 / 3")).containsExactly("0.333333333333333");
      assertThatThrownBy(() -> s.execute("set extra_float_digits = 4"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
          .hasMessageContaining("outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
    }
  }

  private static List<String> row(Statement s, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
    }
    return values;
  }
}
