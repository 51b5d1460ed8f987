package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.Statements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The SQL API's answers, as Snowflake writes them: a {@code ResultSet} (200) with its
 * {@code resultSetMetaData} and the rows of partition 0, a partition's rows alone, a
 * {@code QueryStatus} (202 while running, 408 when the statement hit its timeout), a
 * {@code QueryFailureStatus} (422), and the plain {@code {code, message}} of a refused request.
 */
final class SqlApiAnswers {
  static final String OK = "090001";
  static final String MULTI_OK = "090001";
  static final String RUNNING = "333334";
  static final String CANCELLED = "000604";
  static final ObjectMapper JSON = new ObjectMapper();

  private SqlApiAnswers() {}

  /** An answer: HTTP status, JSON body, and the Link header of a result (or null). */
  record Answer(int status, JsonNode body, String link) {
    Answer(int status, JsonNode body) {
      this(status, body, null);
    }

    byte[] bytes() {
      try {
        return JSON.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A request refused before any statement: {@code {code, message}} and Floe's SQLSTATE. */
  static Answer refused(int status, String code, String sqlState, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", code);
    n.put("message", message);
    if (sqlState != null) {
      n.put("sqlState", sqlState);
    }
    return new Answer(status, n);
  }

  private static ObjectNode head(SqlApiStatement s, String code, String sqlState, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", code);
    n.put("sqlState", sqlState);
    n.put("message", message);
    n.put("statementHandle", s.handle);
    n.put("statementStatusUrl", s.statusUrl());
    if (s.requestId != null) {
      n.put("requestId", s.requestId);
    }
    n.put("createdOn", s.createdOn.toEpochMilli());
    return n;
  }

  /** 202: still running (or submitted with {@code async=true}). */
  static Answer running(SqlApiStatement s) {
    return new Answer(202, head(s, RUNNING, "01000", "Asynchronous execution in progress. Use "
        + "provided query id to perform query monitoring and management."));
  }

  /** 422, or 408 for a statement that hit its timeout. */
  static Answer failed(SqlApiStatement s, FloeException e) {
    SnowflakeErrors.Mapped m = SnowflakeErrors.of(e);
    int status = e.code() == ErrorCode.STATEMENT_TIMEOUT ? 408 : 422;
    return new Answer(status, head(s, m.code(), m.sqlState(), m.message()));
  }

  /** The failure recorded on the handle (a refused request, a failed multi-statement request). */
  static Answer failed(SqlApiStatement s) {
    SnowflakeErrors.Mapped m = s.failure();
    return new Answer(s.failureStatus(), head(s, m.code(), m.sqlState(), m.message()));
  }

  static Answer cancelled(SqlApiStatement s) {
    return new Answer(200, head(s, "000000", "00000", "successfully canceled"));
  }

  /** 200 for a multi-statement request: its statements' handles, each fetched on its own. */
  static Answer multi(SqlApiStatement s) {
    ObjectNode n = head(s, MULTI_OK, "00000", "Statement executed successfully.");
    ObjectNode meta = JSON.createObjectNode();
    meta.put("numRows", 1);
    meta.put("format", "jsonv2");
    ArrayNode rowType = meta.putArray("rowType");
    rowType.add(textColumn("multiple statement execution"));
    meta.putArray("partitionInfo").addObject().put("rowCount", 1).put("uncompressedSize", 48);
    meta.put("nullable", s.nullable);
    n.set("resultSetMetaData", meta);
    n.putArray("data").addArray().add("Multiple statements executed successfully.");
    ArrayNode handles = n.putArray("statementHandles");
    s.children.forEach(c -> handles.add(c.handle));
    n.put("statementHandle", s.handle);
    return new Answer(200, n);
  }

  private static ObjectNode textColumn(String name) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", name);
    c.put("type", "text");
    c.put("length", SnowflakeTypes.MAX_TEXT);
    c.put("byteLength", SnowflakeTypes.MAX_TEXT);
    c.putNull("precision");
    c.putNull("scale");
    c.put("nullable", false);
    return c;
  }

  private static ObjectNode countColumn(String name) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", name);
    c.put("type", "fixed");
    c.putNull("length");
    c.put("precision", 19);
    c.put("scale", 0);
    c.put("nullable", false);
    return c;
  }

  /** The DML kind of a command tag ({@code INSERT 0 3}, {@code UPDATE 2}), or null. */
  static String dml(String command) {
    String c = command == null ? "" : command.toUpperCase(Locale.ROOT);
    for (String kind : List.of("INSERT", "UPDATE", "DELETE", "MERGE")) {
      if (c.startsWith(kind)) {
        return kind;
      }
    }
    return null;
  }

  /** 200 with the result: rows (partition 0 inline), a DML count with stats, or a status line. */
  static Answer result(SqlApiStatement s, Statements.Status st, Principal p, Statements statements) {
    ObjectNode n = head(s, OK, "00000", "Statement executed successfully.");
    ObjectNode meta = JSON.createObjectNode();
    meta.put("format", "jsonv2");
    String dml = dml(st.command());
    if (dml != null || st.columns().isEmpty()) {
      // A statement without rows answers one row: its count, or that it ran.
      boolean count = dml != null;
      meta.put("numRows", 1);
      meta.putArray("rowType").add(count ? countColumn("number of rows " + switch (dml) {
        case "INSERT" -> "inserted";
        case "UPDATE" -> "updated";
        case "DELETE" -> "deleted";
        default -> "merged";
      }) : textColumn("status"));
      String value = count ? Long.toString(st.rows()) : "Statement executed successfully.";
      meta.putArray("partitionInfo").addObject().put("rowCount", 1)
          .put("uncompressedSize", value.length() + 6);
      meta.put("nullable", s.nullable);
      n.set("resultSetMetaData", meta);
      n.putArray("data").addArray().add(value);
      if (count) {
        ObjectNode stats = n.putObject("stats");
        stats.put("numRowsInserted", dml.equals("INSERT") ? st.rows() : 0);
        stats.put("numRowsUpdated", dml.equals("UPDATE") || dml.equals("MERGE") ? st.rows() : 0);
        stats.put("numRowsDeleted", dml.equals("DELETE") ? st.rows() : 0);
        stats.put("numDuplicateRowsUpdated", 0);
      }
      return new Answer(200, reorder(n, meta), link(s, 0, 1));
    }
    meta.put("numRows", st.rows());
    ArrayNode rowType = meta.putArray("rowType");
    st.columns().forEach(c -> rowType.add(SnowflakeTypes.rowType(c)));
    ArrayNode info = partitionInfo(s, st, p, statements);
    meta.set("partitionInfo", info);
    meta.put("nullable", s.nullable);
    n.set("resultSetMetaData", meta);
    n.set("data", rows(s, st.columns(),
        st.partitions() == 0 ? List.of() : statements.partition(p, st.id(), 0)));
    return new Answer(200, reorder(n, meta), link(s, 0, info.size()));
  }

  /** 200 with one partition's rows alone, as Snowflake answers {@code ?partition=n}. */
  static Answer partition(SqlApiStatement s, Statements.Status st, int index, Principal p,
      Statements statements) {
    ObjectNode n = JSON.createObjectNode();
    n.set("data", rows(s, st.columns(), statements.partition(p, st.id(), index)));
    return new Answer(200, n, link(s, index, Math.max(st.partitions(), 1)));
  }

  /** The metadata first, then the rows, then the rest, as Snowflake orders a ResultSet. */
  private static ObjectNode reorder(ObjectNode n, ObjectNode meta) {
    ObjectNode out = JSON.createObjectNode();
    out.set("resultSetMetaData", meta);
    out.set("data", n.get("data"));
    n.fields().forEachRemaining(e -> {
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static ArrayNode rows(SqlApiStatement s, List<ResultColumn> columns, List<Object[]> rows) {
    ArrayNode data = JSON.createArrayNode();
    for (Object[] row : rows) {
      ArrayNode r = data.addArray();
      for (int i = 0; i < columns.size(); i++) {
        String v = SnowflakeTypes.encodeJsonV2(row[i], columns.get(i).type());
        if (v == null && !s.nullable) {
          r.add("null");
        } else {
          r.add(v);
        }
      }
    }
    return data;
  }

  /** Each partition's row count and the size of its {@code data}, computed once per handle. */
  private static ArrayNode partitionInfo(SqlApiStatement s, Statements.Status st, Principal p,
      Statements statements) {
    ArrayNode info = s.partitionInfo();
    if (info != null) {
      return info;
    }
    info = JSON.createArrayNode();
    int partitions = Math.max(st.partitions(), 1);
    for (int i = 0; i < partitions; i++) {
      List<Object[]> rows = st.partitions() == 0 ? List.of() : statements.partition(p, st.id(), i);
      long size;
      try {
        size = JSON.writeValueAsBytes(rows(s, st.columns(), rows)).length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      info.addObject().put("rowCount", rows.size()).put("uncompressedSize", size);
    }
    s.partitionInfo(info);
    return info;
  }

  /** {@code Link}: first, previous, next and last partitions of a result. */
  static String link(SqlApiStatement s, int at, int partitions) {
    String base = "/api/v2/statements/" + s.handle + "?"
        + (s.requestId == null ? "" : "requestId=" + s.requestId + "&") + "partition=";
    StringBuilder b = new StringBuilder();
    b.append('<').append(base).append(0).append(">; rel=\"first\"");
    if (at > 0) {
      b.append(",<").append(base).append(at - 1).append(">; rel=\"prev\"");
    }
    if (at + 1 < partitions) {
      b.append(",<").append(base).append(at + 1).append(">; rel=\"next\"");
    }
    b.append(",<").append(base).append(partitions - 1).append(">; rel=\"last\"");
    return b.toString();
  }
}
