package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.InternalErrors;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.SnowflakeSessionCommand;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one query request of a driver session and writes its answer: session commands
 * ({@code USE}, {@code ALTER SESSION}) change the session; {@code describeOnly} requests plan
 * only; every other statement runs in the engine with the request's bindings.
 */
final class DriverStatements {
  // Snowflake's statement types (SFStatementType), which decide how a driver reads the answer.
  static final int SELECT = 4096;
  static final int INSERT = 12544;
  static final int UPDATE = 12800;
  static final int DELETE = 13056;
  static final int MERGE = 13312;
  static final int ALTER_SESSION = 16640;
  static final int USE = 16896;
  static final int SHOW = 17408;
  static final int DESCRIBE = 17664;
  static final int TCL = 20480;
  static final int DDL = 24576;
  /** Rows a query's answer carries itself; the rest come in chunks. */
  static final int INLINE_ROWS = 1000;

  private final Floe engine;
  private final SnowflakeDriverApi api;

  DriverStatements(Floe engine, SnowflakeDriverApi api) {
    this.engine = engine;
    this.api = api;
  }

  ObjectNode run(DriverSession s, DriverQuery q, JsonNode body, boolean describeOnly) {
    s.lock.lock();
    try {
      if (q.cancelled) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "cancelled before it started");
      }
      java.util.regex.Matcher scan = RESULT_SCAN.matcher(q.sql);
      if (scan.matches()) {
        return resultScan(s, scan.group(1));
      }
      Optional<SnowflakeSessionCommand> command = SnowflakeSessionCommand.parse(q.sql);
      if (command.isPresent()) {
        ObjectNode info = api.apply(s, command.get());
        ObjectNode d = status(q, command.get() instanceof SnowflakeSessionCommand.AlterSession
            ? ALTER_SESSION : USE, "status", "Statement executed successfully.");
        finalNames(d, info);
        return SnowflakeDriverApi.ok(d);
      }
      Prepared plan = s.session.prepare(q.sql);
      if (describeOnly) {
        return SnowflakeDriverApi.ok(describe(q, plan));
      }
      List<Object> parameters = parameters(body.path("bindings"), plan.parameterTypes().size());
      QueryResult result = engine.statements().run(s.session, plan, parameters, r -> {
        q.running.set(r);
        if (q.cancelled) {
          r.stop(false);
        }
      });
      ObjectNode d;
      if (result.hasRows()) {
        d = rows(q, result.cursor(), api.chunkDir(q));
        int type = typeOf(plan.command());
        d.put("statementTypeId", type == SHOW || type == DESCRIBE ? type : SELECT);
      } else {
        int type = typeOf(result.command() != null ? result.command() : plan.command());
        d = switch (type) {
          case INSERT -> status(q, type, "number of rows inserted", Long.toString(result.updateCount()));
          case UPDATE -> status(q, type, "number of rows updated", Long.toString(result.updateCount()));
          case DELETE -> status(q, type, "number of rows deleted", Long.toString(result.updateCount()));
          case MERGE -> status(q, type, "number of rows merged", Long.toString(result.updateCount()));
          default -> status(q, type, "status", "Statement executed successfully.");
        };
      }
      return SnowflakeDriverApi.ok(d);
    } catch (FloeException e) {
      SnowflakeErrors.Mapped m = SnowflakeErrors.of(e);
      return withQueryId(SnowflakeDriverApi.failure(m.code(), m.message(), m.sqlState()), q);
    } catch (RuntimeException e) {
      return withQueryId(SnowflakeDriverApi.failure("000603",
          InternalErrors.message(InternalErrors.log(e)), "XX000"), q);
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * {@code select * from table(result_scan('<query id>'))}, which snowflake-jdbc sends to read an
   * async query's rows: the answer that query of this session gave (or gives, once it ends).
   */
  static final java.util.regex.Pattern RESULT_SCAN = java.util.regex.Pattern.compile(
      "(?is)\\s*select\\s+\\*\\s+from\\s+table\\s*\\(\\s*result_scan\\s*\\(\\s*'([0-9a-f-]{1,64})'\\s*\\)\\s*\\)\\s*;?\\s*");

  private static ObjectNode resultScan(DriverSession s, String queryId) {
    DriverQuery earlier = s.queries.get(queryId);
    if (earlier == null) {
      throw new FloeException(ErrorCode.NOT_FOUND, "Query " + queryId
          + " does not exist in this session, or its result is no longer kept");
    }
    ObjectNode answer = earlier.await(SnowflakeDriverApi.LONG_POLL.toMillis());
    if (answer == null) {
      throw new FloeException(ErrorCode.INVALID_STATE, "Query " + queryId + " is still running");
    }
    return answer;
  }

  private static ObjectNode withQueryId(ObjectNode failure, DriverQuery q) {
    ((ObjectNode) failure.get("data")).put("queryId", q.id);
    return failure;
  }

  private static void finalNames(ObjectNode d, ObjectNode info) {
    d.set("finalDatabaseName", info.get("databaseName"));
    d.set("finalSchemaName", info.get("schemaName"));
    d.set("finalWarehouseName", info.get("warehouseName"));
    d.set("finalRoleName", info.get("roleName"));
  }

  /** Snowflake's statement type for Floe's command tag. */
  static int typeOf(String command) {
    String c = command == null ? "" : command.toUpperCase(Locale.ROOT);
    if (c.startsWith("SHOW")) {
      return SHOW;
    }
    if (c.startsWith("DESCRIBE")) {
      return DESCRIBE;
    }
    if (c.startsWith("SELECT") || c.startsWith("EXPLAIN") || c.startsWith("VALUES")) {
      return SELECT;
    }
    if (c.startsWith("INSERT")) {
      return INSERT;
    }
    if (c.startsWith("UPDATE")) {
      return UPDATE;
    }
    if (c.startsWith("DELETE")) {
      return DELETE;
    }
    if (c.startsWith("MERGE")) {
      return MERGE;
    }
    if (c.startsWith("BEGIN") || c.startsWith("START") || c.startsWith("COMMIT") || c.startsWith("ROLLBACK")) {
      return TCL;
    }
    return DDL;
  }

  private static ObjectNode base(DriverQuery q, int type) {
    ObjectNode d = SnowflakeDriverApi.json().createObjectNode();
    d.put("queryId", q.id);
    d.put("statementTypeId", type);
    d.put("queryResultFormat", "json");
    d.put("version", 1);
    d.putArray("parameters");
    return d;
  }

  /** A one-row, one-column answer: a DML count or a status text. */
  private static ObjectNode status(DriverQuery q, int type, String column, String value) {
    ObjectNode d = base(q, type);
    boolean count = type >= INSERT && type <= MERGE;
    ObjectNode c = d.putArray("rowtype").addObject();
    c.put("name", column);
    c.put("type", count ? "fixed" : "text");
    c.put("nullable", false);
    // Every key present: the Python connector reads them all (KeyError otherwise).
    if (count) {
      c.putNull("length");
      c.put("precision", 19);
      c.put("scale", 0);
      c.putNull("byteLength");
    } else {
      c.put("length", SnowflakeTypes.MAX_TEXT);
      c.putNull("precision");
      c.putNull("scale");
      c.put("byteLength", SnowflakeTypes.MAX_TEXT);
    }
    d.putArray("rowset").addArray().add(value);
    d.put("total", 1);
    d.put("returned", 1);
    return d;
  }

  private static ObjectNode describe(DriverQuery q, Prepared plan) {
    ObjectNode d = base(q, plan.returnsRows() ? SELECT : typeOf(plan.command()));
    ArrayNode rowtype = d.putArray("rowtype");
    plan.columns().forEach(c -> rowtype.add(SnowflakeTypes.rowType(c)));
    d.putArray("rowset");
    d.put("numberOfBinds", plan.parameterTypes().size());
    d.put("arrayBindSupported", false);
    ArrayNode binds = d.putArray("metaDataOfBinds");
    for (ColumnType t : plan.parameterTypes()) {
      ObjectNode b = binds.addObject();
      b.put("type", SnowflakeTypes.typeOf(t).toUpperCase(Locale.ROOT));
      b.put("nullable", true);
    }
    return d;
  }

  /**
   * A query's rows: the first {@link #INLINE_ROWS} in the answer, the rest in chunk files the
   * driver downloads (so a result of any size streams from the engine to disk, not into memory).
   */
  private static ObjectNode rows(DriverQuery q, RowCursor cursor, java.nio.file.Path chunkDir) {
    try (cursor) {
      ObjectNode d = base(q, SELECT);
      List<ResultColumn> columns = cursor.columns();
      ArrayNode rowtype = d.putArray("rowtype");
      columns.forEach(c -> rowtype.add(SnowflakeTypes.rowType(c)));
      ArrayNode rowset = d.putArray("rowset");
      ResultChunks chunks = null;
      long n = 0;
      while (cursor.next()) {
        ArrayNode row = n < INLINE_ROWS ? rowset.addArray() : SnowflakeDriverApi.json().createArrayNode();
        for (int i = 0; i < columns.size(); i++) {
          row.add(SnowflakeTypes.encode(cursor.get(i), columns.get(i).type()));
        }
        if (n >= INLINE_ROWS) {
          if (chunks == null) {
            chunks = new ResultChunks(chunkDir);
            q.chunks = chunks;
          }
          chunks.add(row);
        }
        n++;
      }
      if (chunks != null) {
        chunks.close();
        chunks.describe(d, q.chunkBase);
      }
      d.put("total", n);
      d.put("returned", n);
      return d;
    }
  }

  /** The request's bindings ({@code "1": {"type", "value"}}) as the engine's parameter values. */
  static List<Object> parameters(JsonNode bindings, int expected) {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i <= expected; i++) {
      JsonNode b = bindings.get(Integer.toString(i));
      if (b == null) {
        throw new FloeException(ErrorCode.INVALID_PARAMETER,
            "the statement has " + expected + " bind variable(s) but no value for position " + i);
      }
      values.add(value(b.path("type").asText("TEXT"), b.get("value"), i));
    }
    if (bindings.size() > expected) {
      throw new FloeException(ErrorCode.INVALID_PARAMETER, "the statement has " + expected
          + " bind variable(s) but " + bindings.size() + " values were bound");
    }
    return values;
  }

  private static Object value(String type, JsonNode v, int position) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      throw new FloeException(ErrorCode.INVALID_PARAMETER, "array binds are not supported: bind "
          + "position " + position + " has several values");
    }
    String text = v.asText();
    try {
      return switch (type.toUpperCase(Locale.ROOT)) {
        case "FIXED" -> text.contains(".") || text.contains("e") || text.contains("E")
            ? new BigDecimal(text) : (Object) Long.valueOf(text);
        case "REAL" -> Double.valueOf(text);
        case "BOOLEAN" -> text.equals("1") || text.equalsIgnoreCase("true");
        case "DATE" -> Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC).toLocalDate();
        case "TIME" -> LocalTime.ofNanoOfDay(Long.parseLong(text));
        case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ" -> LocalDateTime.ofEpochSecond(
            Math.floorDiv(Long.parseLong(text), 1_000_000_000L),
            (int) Math.floorMod(Long.parseLong(text), 1_000_000_000L), ZoneOffset.UTC);
        case "TIMESTAMP_TZ" -> timestampTz(text);
        case "BINARY" -> HexFormat.of().parseHex(text);
        default -> text;
      };
    } catch (RuntimeException e) {
      throw new FloeException(ErrorCode.INVALID_PARAMETER, "bind position " + position + ": '"
          + text + "' is not a " + type + " value");
    }
  }

  /** {@code <epoch nanos> <offset minutes + 1440>}, or epoch nanos alone (UTC). */
  private static OffsetDateTime timestampTz(String text) {
    String[] parts = text.trim().split(" ");
    long nanos = Long.parseLong(parts[0]);
    ZoneOffset offset = parts.length > 1
        ? ZoneOffset.ofTotalSeconds((Integer.parseInt(parts[1]) - 1440) * 60) : ZoneOffset.UTC;
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .atOffset(offset);
  }
}
