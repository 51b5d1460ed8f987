package io.floe.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Progress lines on stderr; the results table goes to stdout. */
final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Log() {}

  static void info(String format, Object... args) {
    System.err.println(TIME.format(LocalTime.now()) + " " + String.format(Locale.ROOT, format, args));
  }
}
