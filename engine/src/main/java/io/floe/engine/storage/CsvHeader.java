package io.floe.engine.storage;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.CsvOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the first record of a CSV file (the header), honouring quotes and escapes. */
final class CsvHeader {
  private static final int MAX_HEADER_CHARS = 1 << 20;

  private CsvHeader() {}

  static List<String> read(Path file, CsvOptions options) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader in = new BufferedReader(
        new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
      return parse(in, options);
    } catch (CharacterCodingException e) {
      throw new FloeException(ErrorCode.INVALID_DATA, "the CSV header is not valid UTF-8");
    }
  }

  static List<String> parse(java.io.Reader in, CsvOptions options) throws IOException {
    char delimiter = options.delimiterChar();
    char quote = options.quoteChar();
    char escape = options.escapeChar();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int read = 0;
    int c = in.read();
    if (c == '\uFEFF') {
      c = in.read(); // byte-order mark
    }
    while (c != -1) {
      if (++read > MAX_HEADER_CHARS) {
        throw new FloeException(ErrorCode.INVALID_DATA, "the CSV header is longer than 1 MiB");
      }
      char ch = (char) c;
      any = true;
      if (quoted) {
        if (ch == escape && escape != quote) {
          int next = in.read();
          if (next == -1) {
            break;
          }
          field.append((char) next);
        } else if (ch == quote) {
          int next = in.read();
          if (next == quote && escape == quote) {
            field.append(quote);
          } else {
            quoted = false;
            c = next;
            continue;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == quote && field.length() == 0) {
        quoted = true;
      } else if (ch == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        break;
      } else {
        field.append(ch);
      }
      c = in.read();
    }
    if (quoted) {
      throw new FloeException(ErrorCode.INVALID_DATA, "the CSV header has an unterminated quote");
    }
    if (!any) {
      throw new FloeException(ErrorCode.INVALID_DATA, "the CSV file is empty: a header row is required");
    }
    fields.add(field.toString());
    return fields;
  }
}
