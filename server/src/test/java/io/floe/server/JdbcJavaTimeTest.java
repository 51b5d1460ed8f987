package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC 4.2 values through the real driver: {@code getObject(column, Class)} for the java.time
 * classes and the numeric and text conversions, and {@code setObject} with java.time values, all
 * with microseconds, whatever the JVM's time zone.
 */
class JdbcJavaTimeTest {
  static TestServer floe;
  static MetadataFixture tokens;

  private static final String ROW_1 = "select id, b, s, i, l, r, d, m, big, v, dt, t, ts, tz, u, bl "
      + "from in_c_types.wide where id = ";

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokens = MetadataFixture.load(floe);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection connect() throws SQLException {
    return DriverJar.connect(floe.jdbcUrl(), tokens.master());
  }

  /** JSON has no NaN or infinity; they still read as DOUBLE and REAL values, not as errors. */
  @Test void nonFiniteFloatingPointValues() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select log(2, 0) as a, cast('nan' as double) as b, "
             + "cast('-inf' as real) as c, cast(null as double) as d, 1.5e0 as e")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble("a")).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(rs.getObject("a")).isEqualTo(Double.NEGATIVE_INFINITY);
      assertThat(rs.getString("a")).isEqualTo("-Infinity");
      assertThat(rs.getDouble("b")).isNaN();
      assertThat(rs.getObject("c")).isEqualTo(Float.NEGATIVE_INFINITY);
      assertThat(rs.getFloat("c")).isEqualTo(Float.NEGATIVE_INFINITY);
      assertThat(rs.getObject("d")).isNull();
      assertThat(rs.getDouble("d")).isZero();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getObject("e")).isEqualTo(1.5d);
      assertThatThrownBy(() -> rs.getBigDecimal("a")).isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
    }
  }

  /** Timestamps over DuckDB's whole range, to the year 294247 and before the year 1. */
  @Test void timestampsBeyondTheCommonRange() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select timestamp '294247-01-10 04:00:54.775806' as a, "
             + "cast('0044-03-15 (BC) 10:00:00' as timestamp) as b, date '0044-03-15 (BC)' as d")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject("a", LocalDateTime.class))
          .isEqualTo(LocalDateTime.parse("+294247-01-10T04:00:54.775806"));
      assertThat(rs.getObject("b", LocalDateTime.class)).isEqualTo(LocalDateTime.parse("-0043-03-15T10:00"));
      assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.parse("-0043-03-15"));
    }
  }

  /**
   * Infinite timestamps and dates read as DuckDB's latest and earliest values, and as PostgreSQL's
   * text with getString.
   */
  @Test void infiniteTimestampsAndDates() throws SQLException {
    LocalDateTime latest = LocalDateTime.parse("+294247-01-10T04:00:54.775807");
    LocalDateTime earliest = LocalDateTime.parse("-290308-12-21T19:59:05.224193");
    for (String serialization : List.of("json", "protobuf")) {
      java.util.Properties props = new java.util.Properties();
      props.setProperty("token", tokens.master());
      props.setProperty("serialization", serialization);
      try (Connection c = DriverJar.connect(floe.jdbcUrl(), props); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select timestamp 'infinity' as a, timestamp '-infinity' as b, "
               + "date 'infinity' as c, date '-infinity' as d, cast('-infinity' as timestamptz) as e, "
               + "timestamp '-infinity' < timestamp '0001-01-01' as f")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject("a", LocalDateTime.class)).isEqualTo(latest);
        assertThat(rs.getObject("b", LocalDateTime.class)).isEqualTo(earliest);
        assertThat(rs.getObject("c", LocalDate.class)).isEqualTo(LocalDate.parse("+5881580-07-11"));
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.parse("-5877641-06-24"));
        assertThat(rs.getObject("e", Instant.class)).isEqualTo(earliest.toInstant(ZoneOffset.UTC));
        assertThat(rs.getTimestamp("a").toLocalDateTime()).isEqualTo(latest);
        assertThat(List.of(rs.getString("a"), rs.getString("b"), rs.getString("c"), rs.getString("d"),
            rs.getString("e"))).containsExactly("infinity", "-infinity", "infinity", "-infinity", "-infinity");
        assertThat(rs.getBoolean("f")).isTrue();
      }
    }
  }

  @Test void temporalColumnsAsJavaTime() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(ROW_1 + "1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
      assertThat(rs.getObject("dt", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
      assertThat(rs.getObject("dt", Date.class)).isEqualTo(Date.valueOf("2024-02-29"));
      assertThat(rs.getObject("dt", String.class)).isEqualTo("2024-02-29");

      LocalTime time = LocalTime.parse("23:59:59.123456");
      assertThat(rs.getObject("t", LocalTime.class)).isEqualTo(time);
      assertThat(rs.getObject("t", Time.class)).isEqualTo(Time.valueOf(time));
      assertThat(rs.getObject("t", String.class)).isEqualTo("23:59:59.123456");

      LocalDateTime wall = LocalDateTime.parse("2024-02-29T23:59:59.123456");
      assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(wall);
      assertThat(rs.getObject("ts", LocalDate.class)).isEqualTo(wall.toLocalDate());
      assertThat(rs.getObject("ts", LocalTime.class)).isEqualTo(wall.toLocalTime());
      assertThat(rs.getObject("ts", OffsetDateTime.class)).isEqualTo(wall.atOffset(ZoneOffset.UTC));
      assertThat(rs.getObject("ts", Instant.class)).isEqualTo(wall.toInstant(ZoneOffset.UTC));
      assertThat(rs.getObject("ts", Timestamp.class).getNanos()).isEqualTo(123_456_000);
      assertThat(rs.getObject("ts", String.class)).isEqualTo("2024-02-29 23:59:59.123456");

      Instant instant = Instant.parse("2024-02-29T21:59:59.123456Z");
      assertThat(rs.getObject("tz", Instant.class)).isEqualTo(instant);
      assertThat(rs.getObject("tz", OffsetDateTime.class)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
      assertThat(rs.getObject("tz", ZonedDateTime.class)).isEqualTo(instant.atZone(ZoneOffset.UTC));
      assertThat(rs.getObject("tz", LocalDateTime.class))
          .isEqualTo(LocalDateTime.parse("2024-02-29T21:59:59.123456"));
    }
  }

  @Test void numbersTextAndOtherTypes() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(ROW_1 + "1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject("i", Integer.class)).isEqualTo(-8);
      assertThat(rs.getObject("i", Long.class)).isEqualTo(-8L);
      assertThat(rs.getObject("i", Short.class)).isEqualTo((short) -8);
      assertThat(rs.getObject("i", Byte.class)).isEqualTo((byte) -8);
      assertThat(rs.getObject("i", BigDecimal.class)).isEqualByComparingTo("-8");
      assertThat(rs.getObject("i", BigInteger.class)).isEqualTo(BigInteger.valueOf(-8));
      assertThat(rs.getObject("i", Double.class)).isEqualTo(-8.0);
      assertThat(rs.getObject("i", String.class)).isEqualTo("-8");
      assertThat(rs.getObject("s", Integer.class)).isEqualTo(7);
      assertThat(rs.getObject("l", Long.class)).isEqualTo(9_000_000_000L);
      assertThatThrownBy(() -> rs.getObject("l", Integer.class))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
      assertThat(rs.getObject("m", BigDecimal.class)).isEqualTo(new BigDecimal("12.34"));
      assertThat(rs.getObject("m", Double.class)).isEqualTo(12.34);
      assertThat(rs.getObject("m", Integer.class)).isEqualTo(12);
      assertThat(rs.getObject("m", String.class)).isEqualTo("12.34");
      assertThat(rs.getObject("big", BigDecimal.class))
          .isEqualTo(new BigDecimal("1234567890123456789012345678.1234567890"));
      assertThatThrownBy(() -> rs.getObject("big", Long.class))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
      assertThat(rs.getObject("r", Float.class)).isEqualTo(1.5f);
      assertThat(rs.getObject("r", Double.class)).isEqualTo(1.5);
      assertThat(rs.getObject("d", BigDecimal.class)).isEqualByComparingTo("2.25");
      assertThat(rs.getObject("b", Boolean.class)).isTrue();
      assertThat(rs.getObject("b", String.class)).isEqualTo("true");
      assertThat(rs.getObject("v", String.class)).isEqualTo("x");
      assertThatThrownBy(() -> rs.getObject("v", Integer.class))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
      assertThat(rs.getObject("u", UUID.class))
          .isEqualTo(UUID.fromString("0000000a-0000-4000-8000-00000000000b"));
      assertThat(rs.getObject("bl", byte[].class)).isEqualTo("blob".getBytes());
      assertThat(rs.getObject("id", Object.class)).isEqualTo(1);
      assertThatThrownBy(() -> rs.getObject("dt", Integer.class))
          .isInstanceOf(SQLException.class).hasMessageContaining("java.lang.Integer")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }
  }

  @Test void nullsAreNullInEveryClass() throws SQLException {
    List<Class<?>> classes = List.of(LocalDate.class, LocalTime.class, LocalDateTime.class,
        OffsetDateTime.class, Instant.class, Integer.class, Long.class, BigDecimal.class,
        String.class, Boolean.class, Double.class, UUID.class, byte[].class);
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(ROW_1 + "2")) {
      assertThat(rs.next()).isTrue();
      for (int col = 2; col <= 16; col++) {
        for (Class<?> type : classes) {
          Object v;
          try {
            v = rs.getObject(col, type);
          } catch (SQLException e) {
            continue; // a class the column does not convert to; nulls are checked where it does
          }
          assertThat(v).as("column %d as %s", col, type.getSimpleName()).isNull();
          assertThat(rs.wasNull()).isTrue();
        }
      }
    }
  }

  @Test void javaTimeParametersKeepMicroseconds() throws SQLException {
    LocalDate date = LocalDate.of(2024, 2, 29);
    // TIME parameters reach DuckDB in whole seconds (the engine binds them as java.sql.Time), so
    // the TIME column is compared with a range here; TIMESTAMP ones keep their microseconds.
    LocalTime time = LocalTime.parse("23:59:59");
    LocalDateTime wall = LocalDateTime.parse("2024-02-29T23:59:59.123456");
    OffsetDateTime instant = OffsetDateTime.parse("2024-02-29T23:59:59.123456+02:00");
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "select id from in_c_types.wide where dt = ? and t > ? and ts = ? and tz = ?")) {
      ps.setObject(1, date);
      ps.setObject(2, time);
      ps.setObject(3, wall);
      ps.setObject(4, instant);
      assertThat(ids(ps)).containsExactly(1);
      ps.setObject(4, instant.toInstant());
      assertThat(ids(ps)).containsExactly(1);
      ps.setObject(4, instant.atZoneSameInstant(ZoneId.of("America/New_York")));
      assertThat(ids(ps)).containsExactly(1);
      ps.setObject(1, date, Types.DATE);
      ps.setObject(2, time, JDBCType.TIME);
      ps.setObject(3, wall, JDBCType.TIMESTAMP, 6);
      ps.setObject(4, instant, Types.TIMESTAMP_WITH_TIMEZONE);
      assertThat(ids(ps)).containsExactly(1);
      ps.setObject(3, wall.plusNanos(1_000));
      assertThat(ids(ps)).isEmpty();
    }
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "select cast(? as timestamp), cast(? as date), cast(? as time), cast(? as timestamp) "
            + "from in_c_types.wide where id = 1")) {
      ps.setObject(1, wall);
      ps.setObject(2, date);
      ps.setObject(3, time);
      ps.setObject(4, LocalDateTime.parse("2024-03-01T00:00:00.123"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(wall);
        assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(date);
        assertThat(rs.getObject(3, LocalTime.class)).isEqualTo(time);
        assertThat(rs.getObject(4, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-03-01T00:00:00.123"));
      }
    }
  }

  @Test void otherParameterClasses() throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
        "select id from in_c_types.wide where u = ? and l = ? and v = ?")) {
      ps.setObject(1, UUID.fromString("0000000a-0000-4000-8000-00000000000b"));
      ps.setObject(2, BigInteger.valueOf(9_000_000_000L));
      ps.setObject(3, 'x');
      assertThat(ids(ps)).containsExactly(1);
      assertThatThrownBy(() -> ps.setObject(1, new StringBuilder("not a JDBC value")))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      assertThatThrownBy(() -> ps.setObject(9, LocalDate.now()))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }
  }

  private static List<Integer> ids(PreparedStatement ps) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
