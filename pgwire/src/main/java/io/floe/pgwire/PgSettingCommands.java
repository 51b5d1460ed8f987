package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SET, RESET and SHOW of one connection: its {@link PgSettings}, the parameter status a changed
 * reported setting sends, and the settings the engine session acts on (statement_timeout and
 * search_path).
 */
final class PgSettingCommands {
  /** Where a changed setting the client tracks ({@link PgSettings#REPORTED}) is announced. */
  interface StatusReport {
    void parameterStatus(String name, String value) throws IOException;
  }

  /** What a bare SHOW lists. */
  private static final List<String> SHOWN = List.of("application_name", "client_encoding",
      "DateStyle", "TimeZone", "search_path", "server_version", "statement_timeout",
      "transaction_isolation");

  private final PgSettings settings;
  private final Session session;
  private final StatusReport report;

  PgSettingCommands(PgSettings settings, Session session, StatusReport report) {
    this.settings = settings;
    this.session = session;
    this.report = report;
  }

  static boolean handles(PgSettings.Kind kind) {
    return kind == PgSettings.Kind.SET || kind == PgSettings.Kind.RESET
        || kind == PgSettings.Kind.SHOW;
  }

  /** Runs a SET, RESET or SHOW. */
  PgResult run(PgSettings.Command c) throws IOException {
    return switch (c.kind()) {
      case SET -> set(c);
      case RESET -> {
        if (c.name() == null) {
          settings.resetAll();
        } else {
          settings.reset(c.name());
        }
        applyToSession();
        yield PgResult.command("RESET");
      }
      case SHOW -> show(c);
      default -> throw new IllegalArgumentException("not a setting command: " + c.kind());
    };
  }

  /** Every setting back to its value at connection start (DISCARD ALL). */
  void resetAll() {
    settings.resetAll();
    applyToSession();
  }

  /** Hands the engine session the settings it acts on. */
  void applyToSession() {
    String timeout = settings.get("statement_timeout");
    session.setStatementTimeout(timeout == null ? null
        : Duration.ofMillis(PgSettings.timeoutMillis(timeout)));
    session.setSearchPath(PgSettings.searchPath(settings.get("search_path")));
  }

  private PgResult set(PgSettings.Command c) throws IOException {
    String value = settings.set(c.name(), c.value());
    applyToSession();
    String canonical = PgSettings.canonical(c.name());
    if (PgSettings.REPORTED.contains(canonical)) {
      report.parameterStatus(canonical, value);
    }
    return PgResult.command("SET");
  }

  private PgResult show(PgSettings.Command c) {
    if (c.name() == null) {
      List<Object[]> rows = new ArrayList<>();
      for (String name : SHOWN) {
        rows.add(new Object[] {name, settings.get(name), ""});
      }
      return PgResult.rows(List.of(PgColumn.text("name"), PgColumn.text("setting"),
          PgColumn.text("description")), rows, "SHOW");
    }
    String value = settings.get(c.name());
    if (value == null) {
      throw FloeException.of(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"",
          c.name());
    }
    return PgResult.rows(List.of(PgColumn.text(PgStatements.showLabel(c.name()))),
        List.<Object[]>of(new Object[] {value}), "SHOW");
  }
}
