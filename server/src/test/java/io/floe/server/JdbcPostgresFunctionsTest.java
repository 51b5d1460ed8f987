package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's functions and operators that Calcite lacks, through the real driver: the values and
 * the column types a JDBC client sees are PostgreSQL's.
 */
class JdbcPostgresFunctionsTest {
  static TestServer floe;
  static MetadataFixture tokens;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokens = MetadataFixture.load(floe);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  @Test void valuesAndTypesArePostgreSqls() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), tokens.master()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select factorial(5) as f, to_timestamp(0) as t, "
             + "date '2020-01-01' + time '10:00' as dt, 2.0::float8 ^ -1.0::float8 as p, "
             + "ltrim('hello', 'ho') as l, round(53, -1) as r, timestamptz '2021-11-15 02:30:00' as z")) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnType(1)).isEqualTo(Types.DECIMAL);
      assertThat(md.getColumnTypeName(2)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(md.getColumnTypeName(3)).isEqualTo("TIMESTAMP");
      assertThat(md.getColumnType(4)).isEqualTo(Types.DOUBLE);
      assertThat(md.getColumnTypeName(7)).isEqualTo("TIMESTAMP WITH TIME ZONE");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal("f")).isEqualByComparingTo(new BigDecimal("120"));
      assertThat(rs.getObject("t", OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00Z"));
      assertThat(rs.getObject("dt", LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2020-01-01T10:00"));
      assertThat(rs.getDouble("p")).isEqualTo(0.5);
      assertThat(rs.getString("l")).isEqualTo("ello");
      assertThat(rs.getInt("r")).isEqualTo(50);
      assertThat(rs.getObject("z", OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("2021-11-15T02:30Z"));
    }
  }
}
