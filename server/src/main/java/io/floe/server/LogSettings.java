package io.floe.server;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The log's level and file, from {@code --log-level} and {@code --log-file}. The server logs through
 * slf4j-simple, which reads its settings once, when the first logger is made: {@link #apply()}
 * must run before anything logs.
 *
 * @param level the least severe level written ({@code floe.*} and everything else; Jetty's and
 *     Calcite's own loggers stay at {@code warn} unless the level is {@code error})
 * @param file a file the log is appended to as well as stderr, or null for stderr only
 */
record LogSettings(Level level, Path file) {
  /** Log levels, least verbose first. */
  enum Level { ERROR, WARN, INFO, DEBUG, TRACE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Level parse(String value) {
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("log level must be error, warn, info, debug or trace: " + value);
      }
    }
  }

  /** Libraries whose loggers {@code simplelogger.properties} keeps at {@code warn}. */
  private static final String[] QUIET_LIBRARIES = {"org.eclipse.jetty", "org.apache.calcite"};

  LogSettings {
    requireNonNull(level, "level");
  }

  static LogSettings defaults() {
    return new LogSettings(Level.INFO, null);
  }

  /** The slf4j-simple system properties this sets (they win over {@code simplelogger.properties}). */
  Map<String, String> systemProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("org.slf4j.simpleLogger.defaultLogLevel", level.wireName());
    if (level == Level.ERROR) {
      for (String library : QUIET_LIBRARIES) {
        p.put("org.slf4j.simpleLogger.log." + library, "error");
      }
    }
    // The log goes to System.err, looked up at each line, so the stream set below is used.
    p.put("org.slf4j.simpleLogger.logFile", "System.err");
    p.put("org.slf4j.simpleLogger.cacheOutputStream", "false");
    return p;
  }

  /**
   * Sets the level, and with a file makes stderr write to it too (appending, so restarts keep the
   * history; anything else written to stderr, such as a crash's stack trace, lands there as well).
   */
  void apply() throws IOException {
    systemProperties().forEach(System::setProperty);
    if (file != null) {
      Path absolute = file.toAbsolutePath();
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      OutputStream log = new BufferedOutputStream(new FileOutputStream(absolute.toFile(), true));
      System.setErr(new PrintStream(new Both(log, System.err), true, StandardCharsets.UTF_8));
    }
  }

  /** Writes to two streams. */
  private static final class Both extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Both(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
