package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The data-row writer's direct text encoding gives exactly the bytes of {@link PgValues#text}. */
class PgValuesTextTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Prague");

  @Test void directEncodingMatchesTextOutput() throws IOException {
    Random random = new Random(42);
    List<Object> values = new ArrayList<>(List.of(
        0L, -1L, 9L, 10L, -10L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, (short) -7, (byte) 5,
        "", "plain ascii", "žluťoučký kůň", "emoji 🦆 mid", "tab\tand\nnewline",
        LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1992, 2, 29),
        LocalDate.of(10000, 1, 1), LocalDate.of(0, 6, 1), LocalDate.of(-44, 3, 15),
        new BigDecimal("0"), new BigDecimal("0.00"), new BigDecimal("-0.00012"), new BigDecimal("12.5"),
        new BigDecimal("-12.50"), new BigDecimal("1E+3"), new BigDecimal("999999999999999999"),
        new BigDecimal("0.999999999999999999"), new BigDecimal("123456789012345678901234567890.1234567890"),
        new BigDecimal(new BigInteger("1"), 30), 1.5d, Double.NaN, true,
        LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000)));
    for (int i = 0; i < 2000; i++) {
      values.add(random.nextLong() >> random.nextInt(64));
      values.add(BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(20)));
      values.add(LocalDate.ofEpochDay(random.nextInt(3_000_000) - 800_000));
    }
    for (Object v : values) {
      assertThat(written(v)).as("%s (%s)", v, v.getClass().getSimpleName())
          .isEqualTo(PgValues.text(v, ZONE, 1));
    }
    assertThat(fieldLength(null)).isEqualTo(-1);
  }

  /** DuckDB's latest and earliest dates and timestamps are PostgreSQL's infinities, in text and binary. */
  @Test void infinitiesAreInfinity() {
    assertThat(PgValues.text(io.floe.engine.api.sql.Infinity.TIMESTAMP, ZONE, 1)).isEqualTo("infinity");
    assertThat(PgValues.text(io.floe.engine.api.sql.Infinity.MINUS_DATE, ZONE, 1)).isEqualTo("-infinity");
    assertThat(PgValues.text(io.floe.engine.api.sql.Infinity.MINUS_TIMESTAMP.atOffset(java.time.ZoneOffset.UTC),
        ZONE, 1)).isEqualTo("-infinity");
    assertThat(ByteBuffer.wrap(PgValues.binary(io.floe.engine.api.sql.Infinity.MINUS_TIMESTAMP, PgType.TIMESTAMP))
        .getLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(ByteBuffer.wrap(PgValues.binary(io.floe.engine.api.sql.Infinity.TIMESTAMP
        .atOffset(java.time.ZoneOffset.UTC), PgType.TIMESTAMPTZ)).getLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(ByteBuffer.wrap(PgValues.binary(io.floe.engine.api.sql.Infinity.DATE, PgType.DATE)).getInt())
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(PgValues.text(LocalDateTime.parse("+294247-01-10T04:00:54.775806"), ZONE, 1))
        .isEqualTo("+294247-01-10 04:00:54.775806");
  }

  /** The text of one field as the writer puts it into a data row, checked against its length prefix. */
  private static String written(Object v) throws IOException {
    ByteBuffer message = row(v);
    int length = message.getInt();
    byte[] bytes = new byte[length];
    message.get(bytes);
    assertThat(message.hasRemaining()).isFalse();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int fieldLength(Object v) throws IOException {
    return row(v).getInt();
  }

  private static ByteBuffer row(Object v) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PgMessageWriter writer = new PgMessageWriter(out);
    writer.begin('D').int16(1);
    PgValues.writeText(writer, v, ZONE, 1);
    writer.end();
    writer.flush();
    ByteBuffer message = ByteBuffer.wrap(out.toByteArray());
    assertThat(message.get()).isEqualTo((byte) 'D');
    assertThat(message.getInt()).isEqualTo(out.size() - 1);
    assertThat(message.getShort()).isEqualTo((short) 1);
    return message;
  }
}
