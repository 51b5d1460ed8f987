package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import io.floe.engine.api.sql.Statements;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * What a {@code POST /api/v2/statements} runs: the body read into a {@link Parsed} request, the
 * database and schema resolved to a project and bucket the principal may use, statements the SQL
 * API refuses refused, and the statement submitted to the engine, or, for a multi-statement
 * request, each statement submitted after the one before it succeeded.
 */
final class SqlApiSubmissions {
  /** Snowflake's longest statement timeout, what {@code timeout: 0} means. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(604_800);
  /** Snowflake's code for a statement count other than {@code MULTI_STATEMENT_COUNT}. */
  static final String COUNT_MISMATCH = "000008";

  /** A request's body, checked. */
  record Parsed(String sql, List<String> statements, Duration timeout, String database,
      String schema, List<Object> bindings, int count) {
    boolean isMulti() {
      return statements.size() > 1;
    }

    /** How long a synchronous request waits: the statement's timeout and a second, at most {@code max}. */
    Duration wait(Duration max) {
      if (timeout == null) {
        return max;
      }
      Duration t = timeout.plusSeconds(1);
      return t.compareTo(max) < 0 ? t : max;
    }
  }

  private final Floe engine;
  private final Clock clock;
  private final ExecutorService scripts;
  private final BiConsumer<String, SqlApiStatement> register;

  SqlApiSubmissions(Floe engine, Clock clock, ExecutorService scripts,
      BiConsumer<String, SqlApiStatement> register) {
    this.engine = engine;
    this.clock = clock;
    this.scripts = scripts;
    this.register = register;
  }

  static Parsed parse(JsonNode body) {
    JsonNode statement = body.get("statement");
    if (statement == null || !statement.isTextual() || statement.asText().isBlank()) {
      throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "the body's statement is missing or empty");
    }
    String sql = statement.asText();
    Duration timeout = null;
    JsonNode t = body.get("timeout");
    if (t != null && !t.isNull()) {
      if (!t.canConvertToLong() || t.asLong() < 0 || !(t.isIntegralNumber() || t.isTextual())) {
        throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "timeout must be a whole number of seconds, "
            + "0 for the longest");
      }
      long seconds = t.asLong();
      timeout = seconds == 0 ? MAX_TIMEOUT : Duration.ofSeconds(Math.min(seconds, MAX_TIMEOUT.toSeconds()));
    }
    int count = 1;
    JsonNode parameters = body.get("parameters");
    if (parameters != null && parameters.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase("MULTI_STATEMENT_COUNT")) {
          String v = e.getValue().asText();
          try {
            count = Integer.parseInt(v.trim());
          } catch (NumberFormatException bad) {
            count = -1;
          }
          if (count < 0) {
            throw new FloeException(ErrorCode.PROTOCOL_VIOLATION,
                "MULTI_STATEMENT_COUNT must be a whole number, 0 for any number of statements");
          }
        }
      }
    }
    List<String> statements = new ArrayList<>();
    for (LexedStatement s : LexedStatement.split(sql)) {
      if (!s.isEmpty()) {
        statements.add(s.trimmed().text());
      }
    }
    if (statements.isEmpty()) {
      throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "the body's statement has no SQL in it");
    }
    return new Parsed(sql, statements, timeout, text(body, "database"), text(body, "schema"),
        SqlApiBindings.of(body.get("bindings")), count);
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /**
   * Starts {@code s}: submits its statement, or starts running a multi-statement request's
   * statements in order. Refusals are thrown (the caller records them on the handle).
   */
  void start(SqlApiStatement s, Principal p, Parsed r) {
    int n = r.statements().size();
    if (r.count() != 0 && r.count() != n) {
      s.fail(422, new SnowflakeErrors.Mapped(COUNT_MISMATCH, "0A000", "Actual statement count " + n
          + " did not match the desired statement count " + r.count() + "."));
      s.done.complete(null);
      return;
    }
    r.statements().forEach(SqlApiSubmissions::refuseUnsupported);
    String project = project(p, r.database());
    List<String> schema = schema(p, project, r.schema());
    if (!r.isMulti()) {
      s.engineId = engine.statements().submit(p, request(project, r.statements().get(0),
          r.bindings(), schema, r.timeout())).id();
      return;
    }
    if (!r.bindings().isEmpty()) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "bindings are not supported in a request "
          + "of several statements; send the statement that uses them on its own");
    }
    scripts.execute(() -> runInOrder(s, p, project, schema, r));
  }

  private Statements.Request request(String project, String sql, List<Object> bindings,
      List<String> schema, Duration timeout) {
    return new Statements.Request(project, sql, bindings, Flavor.SNOWFLAKE, "snowflake", schema, timeout);
  }

  /** A multi-statement request: each statement after the one before succeeded. */
  private void runInOrder(SqlApiStatement s, Principal p, String project, List<String> schema, Parsed r) {
    try {
      for (String sql : r.statements()) {
        if (s.cancelled) {
          s.fail(new FloeException(ErrorCode.QUERY_CANCELLED, "SQL execution canceled"));
          return;
        }
        SqlApiStatement child = new SqlApiStatement(UUID.randomUUID().toString(), s.owner, null,
            s.nullable, clock.instant(), false);
        register.accept(child.handle, child);
        s.children.add(child);
        Statements.Status st;
        try {
          st = engine.statements().submit(p, request(project, sql, List.of(), schema, r.timeout()));
          child.engineId = st.id();
          if (s.cancelled) {
            st = engine.statements().cancel(p, child.engineId);
          }
          while (!st.state().isFinal()) {
            st = engine.statements().await(p, child.engineId, Duration.ofSeconds(30));
          }
        } catch (FloeException e) {
          child.fail(e);
          s.fail(e);
          return;
        }
        if (st.state() != Statements.State.SUCCEEDED) {
          FloeException e = new FloeException(st.error() == null
              ? (st.state() == Statements.State.CANCELLED ? ErrorCode.QUERY_CANCELLED : ErrorCode.INTERNAL_ERROR)
              : st.error(), st.message() == null ? "the statement failed" : st.message());
          s.fail(e);
          return;
        }
      }
    } catch (RuntimeException e) {
      s.fail(e instanceof FloeException f ? f : FloeException.internal("a statement of the request failed", e));
    } finally {
      s.done.complete(null);
    }
  }

  /** The project a request's database names: the token's own, or any the admin names. */
  private String project(Principal p, String database) {
    if (database == null) {
      if (p.projectId() == null) {
        throw new FloeException(ErrorCode.INVALID_ARGUMENT, "the request's database is required "
            + "with the admin token: name the project");
      }
      return p.projectId();
    }
    if (p.isAdmin()) {
      return engine.projects().list(p).stream().map(x -> x.id())
          .filter(id -> id.equalsIgnoreCase(database)).findFirst()
          .orElseThrow(() -> notFound("Database '" + database + "' does not exist or not authorized."));
    }
    if (!database.equalsIgnoreCase(p.projectId())) {
      throw notFound("Database '" + database + "' does not exist or not authorized.");
    }
    return p.projectId();
  }

  private List<String> schema(Principal p, String project, String schema) {
    if (schema == null) {
      return List.of(project);
    }
    String bucket = engine.buckets().list(p, project).stream().map(VisibleBucket::name)
        .filter(b -> b.equalsIgnoreCase(schema)).findFirst()
        .orElseThrow(() -> notFound("Schema '" + project.toUpperCase(java.util.Locale.ROOT) + "."
            + schema + "' does not exist or not authorized."));
    return List.of(project, bucket);
  }

  private static FloeException notFound(String message) {
    return new FloeException(ErrorCode.NOT_FOUND, message);
  }

  /** Refuses what the SQL API does not run: session commands, transactions, PUT/GET, temporaries. */
  static void refuseUnsupported(String sql) {
    List<SqlLexer.Token> t = LexedStatement.of(sql).significant();
    if (t.isEmpty()) {
      return;
    }
    SqlLexer.Token first = t.get(0);
    String what = null;
    if (first.is("use")) {
      what = "USE: name the database and schema in the request's database and schema fields";
    } else if (first.is("alter") && t.size() > 1 && t.get(1).is("session")) {
      what = "ALTER SESSION: each request runs in a session of its own; set parameters in the request";
    } else if (first.is("begin") || first.is("start") || first.is("commit") || first.is("rollback")) {
      what = first.text().toUpperCase(java.util.Locale.ROOT) + ": each statement commits on its own";
    } else if (first.is("put") || first.is("get")) {
      what = first.text().toUpperCase(java.util.Locale.ROOT) + ": files are loaded through Floe's "
          + "REST API (table import)";
    } else if (first.is("set") || first.is("unset")) {
      what = "SET: session variables do not outlive a request";
    } else if (first.is("create")) {
      for (int i = 1; i < Math.min(t.size(), 5); i++) {
        if (t.get(i).is("temporary") || t.get(i).is("temp") || t.get(i).is("volatile")) {
          what = "CREATE TEMPORARY: a temporary object does not outlive a request";
        }
      }
    }
    if (what != null) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "Unsupported statement type in the SQL API: "
          + what + ".");
    }
  }
}
