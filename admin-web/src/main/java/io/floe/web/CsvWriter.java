package io.floe.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * RFC 4180 CSV for previews: comma, double quotes, CRLF-free ({@code \n}) lines. NULL is an empty
 * unquoted field and an empty string a quoted one ({@code ""}), as Floe's CSV import reads them;
 * times are written the way DuckDB writes them ({@code 2024-01-01 10:00:00.123456}).
 */
final class CsvWriter {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss[.SSSSSS]");

  private final Writer out;

  CsvWriter(Writer out) {
    this.out = out;
  }

  void row(Object[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      Object v = values[i];
      if (v != null) {
        field(text(v));
      }
    }
    out.write('\n');
  }

  private void field(String s) throws IOException {
    if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      out.write('"');
      out.write(s.replace("\"", "\"\""));
      out.write('"');
    } else {
      out.write(s);
    }
  }

  static String text(Object v) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof LocalDateTime t) {
      return trim(TIMESTAMP.format(t), t.getNano());
    }
    if (v instanceof LocalTime t) {
      return trim(TIME.format(t), t.getNano());
    }
    if (v instanceof OffsetDateTime t) {
      return trim(TIMESTAMP.format(t.toLocalDateTime()), t.getNano()) + "+00";
    }
    if (v instanceof byte[] b) {
      StringBuilder s = new StringBuilder();
      for (byte x : b) {
        s.append("\\x").append(HexFormat.of().withUpperCase().toHexDigits(x));
      }
      return s.toString();
    }
    return v.toString();
  }

  /** DuckDB prints fractions only when there are any. */
  private static String trim(String formatted, int nanos) {
    return nanos == 0 && formatted.endsWith(".000000")
        ? formatted.substring(0, formatted.length() - 7) : formatted;
  }
}
