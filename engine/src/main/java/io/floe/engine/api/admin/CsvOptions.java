package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import java.util.List;

/**
 * The dialect of a CSV file.
 *
 * @param delimiter field separator, one character
 * @param quote quote character, one character
 * @param escape character that escapes a quote inside a quoted field (the quote itself by default)
 * @param header whether the first record names the columns
 * @param nullStrings unquoted field values read as NULL ({@code [""]} by default: an empty unquoted
 *     field is NULL, a quoted empty field {@code ""} is an empty string)
 */
public record CsvOptions(String delimiter, String quote, String escape, boolean header,
    List<String> nullStrings) {
  public static final CsvOptions DEFAULT = new CsvOptions(",", "\"", "\"", true, List.of(""));

  public CsvOptions {
    requireNonNull(delimiter, "delimiter");
    requireNonNull(quote, "quote");
    requireNonNull(escape, "escape");
    nullStrings = List.copyOf(nullStrings);
    oneChar("delimiter", delimiter);
    oneChar("quote", quote);
    oneChar("escape", escape);
    if (delimiter.equals(quote)) {
      throw FloeException.invalid("delimiter and quote must differ");
    }
    if (delimiter.equals("\n") || delimiter.equals("\r") || quote.equals("\n") || quote.equals("\r")) {
      throw FloeException.invalid("delimiter and quote cannot be line breaks");
    }
  }

  private static void oneChar(String what, String value) {
    if (value.codePointCount(0, value.length()) != 1) {
      throw FloeException.invalid(what + " must be exactly one character, got '" + value + "'");
    }
  }

  public char delimiterChar() {
    return delimiter.charAt(0);
  }

  public char quoteChar() {
    return quote.charAt(0);
  }

  public char escapeChar() {
    return escape.charAt(0);
  }
}
