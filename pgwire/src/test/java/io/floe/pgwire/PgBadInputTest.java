package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input a client can send but should not: binary parameters whose bytes are no value of their type
 * (sent as raw Bind messages, which pgjdbc never produces), statements nested thousands deep, and
 * errors that would quote huge input back. Each gets PostgreSQL's SQLSTATE and a short message,
 * never an internal error, and the connection goes on.
 */
class PgBadInputTest {
  static PgTestServer pg;

  @BeforeAll static void start() {
    pg = new PgTestServer();
  }

  @AfterAll static void stop() {
    pg.close();
  }

  /** ErrorResponse fields of Parse/Bind/Execute/Sync of {@code sql} with one binary parameter. */
  static Map<Character, String> bindBinary(String sql, int oid, byte[] value) throws Exception {
    return bind(sql, new int[] {oid}, new short[] {1}, new byte[][] {value}, new short[0]);
  }

  /**
   * ErrorResponse fields (or null) of Parse/Bind/Execute/Sync, with the Bind message's parts as
   * given, whether or not they agree; then checks that the connection goes on.
   */
  static Map<Character, String> bind(String sql, int[] oids, short[] formats, byte[][] values,
      short[] resultFormats) throws Exception {
    try (RawPg raw = new RawPg(pg.server.port())) {
      raw.startup("user", pg.workspace.username(), "database", pg.workspace.workspace().databaseName());
      raw.scram(pg.workspace.password());
      ByteArrayOutputStream parse = new ByteArrayOutputStream();
      DataOutputStream p = new DataOutputStream(parse);
      p.write(RawPg.cstring(""));
      p.write(RawPg.cstring(sql));
      p.writeShort(oids.length);
      for (int oid : oids) {
        p.writeInt(oid);
      }
      raw.send('P', parse.toByteArray());
      ByteArrayOutputStream bind = new ByteArrayOutputStream();
      DataOutputStream b = new DataOutputStream(bind);
      b.write(RawPg.cstring(""));
      b.write(RawPg.cstring(""));
      b.writeShort(formats.length);
      for (short f : formats) {
        b.writeShort(f);
      }
      b.writeShort(values.length);
      for (byte[] value : values) {
        b.writeInt(value.length);
        b.write(value);
      }
      b.writeShort(resultFormats.length);
      for (short f : resultFormats) {
        b.writeShort(f);
      }
      raw.send('B', bind.toByteArray());
      ByteArrayOutputStream execute = new ByteArrayOutputStream();
      new DataOutputStream(execute).write(RawPg.cstring(""));
      new DataOutputStream(execute).writeInt(0);
      raw.send('E', execute.toByteArray());
      raw.send('S', new byte[0]);
      Map<Character, String> error = null;
      RawPg.Message m;
      do {
        m = raw.read();
        if (m.type() == 'E') {
          error = m.fields();
        }
      } while (m.type() != 'Z');
      // The connection goes on.
      raw.query("select 1");
      assertThat(raw.readUntil('Z').type()).isEqualTo('Z');
      return error;
    }
  }

  @Test void bindMessagesWhosePartsDisagreeAreProtocolViolationsAndTheSessionGoesOn() throws Exception {
    byte[] one = "1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] two = "2".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // Three format codes for two parameters.
    assertThat(bind("select $1::int + $2::int", new int[0], new short[] {0, 0, 0}, new byte[][] {one, two},
        new short[0])).containsEntry('C', "08P01")
        .containsEntry('M', "bind message has 3 parameter formats but 2 parameters");
    // One value where the statement has two parameters.
    assertThat(bind("select $1::int + $2::int", new int[0], new short[0], new byte[][] {one}, new short[0]))
        .containsEntry('C', "08P01").extractingByKey('M').asString()
        .contains("supplies 1 parameters", "requires 2");
    // Two result format codes for a one-column query.
    assertThat(bind("select $1::int", new int[0], new short[0], new byte[][] {one}, new short[] {0, 1}))
        .containsEntry('C', "08P01")
        .containsEntry('M', "bind message has 2 result formats but query has 1 columns");
    // A format code that is neither text (0) nor binary (1).
    assertThat(bind("select $1::int", new int[0], new short[] {7}, new byte[][] {one}, new short[0]))
        .containsEntry('C', "22023").containsEntry('M', "unsupported format code: 7");
    // A binary value of a type Floe has no binary form for (point, oid 600) is an error, not a
    // dropped connection.
    assertThat(bind("select $1", new int[] {600}, new short[] {1}, new byte[][] {new byte[16]}, new short[0]))
        .containsEntry('C', "42883");
    // Parts that agree still run.
    assertThat(bind("select $1::int + $2::int", new int[0], new short[] {0}, new byte[][] {one, two},
        new short[] {0})).isNull();
  }

  static byte[] numeric(int ndigits, int weight, int sign, int dscale, int... digits) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeShort(ndigits);
    d.writeShort(weight);
    d.writeShort(sign);
    d.writeShort(dscale);
    for (int digit : digits) {
      d.writeShort(digit);
    }
    return bytes.toByteArray();
  }

  @Test void binaryParametersOfTheWrongLengthAreInvalidBinaryRepresentations() throws Exception {
    Object[][] cases = {{"select $1::int", 23, new byte[] {0, 1}},
        {"select $1::bigint", 20, new byte[] {0, 0, 0, 1}}, {"select $1::smallint", 21, new byte[3]},
        {"select $1::boolean", 16, new byte[0]}, {"select $1::double precision", 701, new byte[4]},
        {"select $1::date", 1082, new byte[8]}, {"select $1::timestamp", 1114, new byte[2]},
        {"select $1::uuid", 2950, new byte[15]}, {"select $1::numeric", 1700, new byte[3]},
        {"select $1::numeric", 1700, numeric(3, 0, 0, 0, 1)}};
    for (Object[] c : cases) {
      Map<Character, String> error = bindBinary((String) c[0], (Integer) c[1], (byte[]) c[2]);
      assertThat(error).as((String) c[0]).containsEntry('C', "22P03")
          .containsEntry('M', "incorrect binary data format in bind parameter 1");
    }
  }

  @Test void numericParametersAreCheckedAsPostgresqlChecksThem() throws Exception {
    assertThat(bindBinary("select $1::numeric", 1700, numeric(1, 0, 0x1234, 0, 1)))
        .containsEntry('C', "22P03").extractingByKey('M').asString().contains("invalid sign");
    assertThat(bindBinary("select $1::numeric", 1700, numeric(1, 0, 0, 0x4000, 1)))
        .containsEntry('C', "22P03").extractingByKey('M').asString().contains("invalid scale");
    assertThat(bindBinary("select $1::numeric", 1700, numeric(1, 0, 0, 0, 10000)))
        .containsEntry('C', "22P03").extractingByKey('M').asString().contains("invalid digit");
    // 10^131068 with a display scale of 16383: once a 130 KB message, now a short refusal.
    Map<Character, String> huge = bindBinary("select $1::numeric", 1700,
        numeric(1, 32767, 0, 0x3FFF, 1));
    assertThat(huge).containsEntry('C', "22003");
    assertThat(huge.get('M')).hasSizeLessThan(200);
    assertThat(bindBinary("select $1::numeric", 1700, numeric(1, 0, 0xC000, 0, 0)))
        .containsEntry('C', "22003");
    assertThat(bindBinary("select $1::timestamp", 1114,
        new byte[] {0x7f, -1, -1, -1, -1, -1, -1, -1})).containsEntry('C', "22008");
    assertThat(bindBinary("select $1::date", 1082, new byte[] {0x7f, -1, -1, -1}))
        .containsEntry('C', "22008");
    assertThat(bindBinary("select $1::time", 1083, new byte[] {0, 0, 0x10, 0, 0, 0, 0, 0}))
        .containsEntry('C', "22008");
  }

  @Test void wellFormedBinaryParametersStillRoundTrip() throws Exception {
    try (Connection c = pg.connect();
        PreparedStatement ps = c.prepareStatement("select ?::numeric, ?::int, ?::numeric")) {
      ps.setBigDecimal(1, new BigDecimal("-12345678.012"));
      ps.setInt(2, -7);
      ps.setBigDecimal(3, new BigDecimal("0.001"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("-12345678.012");
        assertThat(rs.getInt(2)).isEqualTo(-7);
        assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("0.001");
      }
    }
    assertThat(PgValues.decodeNumeric(1, java.nio.ByteBuffer.wrap(numeric(2, 0, 0, 2, 12, 3456))))
        .isEqualByComparingTo("12.34");
    assertThat(PgValues.decodeNumeric(1, java.nio.ByteBuffer.wrap(PgValues.numeric(
        new BigDecimal("-98765.000120"))))).isEqualTo(new BigDecimal("-98765.000120"));
  }

  @Test void statementsNestedThousandsDeepAreTooComplex() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      for (String sql : new String[] {"select " + "(".repeat(5000) + "1" + ")".repeat(5000),
          "select " + "(".repeat(5000) + "1" + ")".repeat(5000) + " from pg_class"}) {
        assertThatThrownBy(() -> s.executeQuery(sql)).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("54001"));
      }
      try (ResultSet rs = s.executeQuery("select " + "(".repeat(200) + "1" + ")".repeat(200))) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test void errorMessagesAreCappedWhateverTheyQuote() throws Exception {
    String name = "t".repeat(100_000);
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from \"" + name + "\""))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isIn("42601", "42P01");
            assertThat(e.getMessage()).hasSizeLessThan(2100).contains("(truncated)");
          });
    }
  }
}
