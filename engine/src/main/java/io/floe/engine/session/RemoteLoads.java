package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.snowflake.SnowflakeSources;
import io.floe.engine.sql.SnowflakeBackend.RemoteInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.snowflake.client.api.statement.SnowflakeStatement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Runs the Snowflake statements of a federated plan and streams their rows into the temporary
 * DuckDB tables the plan's DuckDB statement reads: row by row from Snowflake's result (which the
 * driver fetches in Arrow chunks) into DuckDB's appender, never through a list of all rows. Each
 * Snowflake statement is registered with the execution, so a cancel or a timeout aborts the query
 * in Snowflake; its query id goes to the audit line.
 */
final class RemoteLoads {
  private RemoteLoads() {}

  /**
   * Loads every input on {@code duck}; the caller drops the tables when the DuckDB statement is done
   * ({@link DuckDbConnections.Pooled#dropOnRelease}).
   */
  static void load(SnowflakeSources sources, DuckDbConnections.Pooled pooled, List<RemoteInput> inputs,
      List<Object> params, Execution execution) throws SQLException {
    inputs.forEach(i -> pooled.dropOnRelease(i.tableName()));
    load(sources, pooled.connection, inputs, params, execution);
  }

  /** Loads every input on a connection of its own (its temporary tables go with it). */
  static void load(SnowflakeSources sources, DuckDBConnection duck, List<RemoteInput> inputs,
      List<Object> params, Execution execution) throws SQLException {
    for (RemoteInput input : inputs) {
      try (Statement s = duck.createStatement()) {
        s.execute(input.createSql());
      }
      load(sources, duck, input, params, execution);
    }
  }

  private static void load(SnowflakeSources sources, DuckDBConnection duck, RemoteInput input,
      List<Object> params, Execution execution) throws SQLException {
    List<Object> keys = input.keyFilter() == null ? null : keys(duck, input.keyFilter(), params,
        execution);
    String sql = input.fetchSql(keys == null ? null : keys.size());
    try (SnowflakeSources.Lease lease = sources.lease(input.projectId(), input.connection())) {
      PreparedStatement statement = null;
      try {
        statement = lease.connection().prepareStatement(sql);
        int n = input.parameterOrder().size();
        for (int i = 0; i < n; i++) {
          statement.setObject(i + 1, toSnowflake(params.get(input.parameterOrder().get(i))));
        }
        for (int i = 0; keys != null && i < keys.size(); i++) {
          statement.setObject(n + i + 1, toSnowflake(keys.get(i)));
        }
        execution.register(statement);
        try (ResultSet rs = statement.executeQuery()) {
          execution.ranInSource(input.connection(),
              statement.unwrap(SnowflakeStatement.class).getQueryID());
          try (DuckDBAppender appender = duck.createAppender("temp", "main", input.tableName())) {
            List<ColumnType> types = input.columnTypes();
            long rows = 0;
            while (rs.next()) {
              if ((++rows & 1023) == 0 && execution.isStopped()) {
                // The driver may still hold fetched chunks after Snowflake aborted the query.
                throw execution.stoppedError(null);
              }
              appender.beginRow();
              for (int c = 0; c < types.size(); c++) {
                append(appender, rs, c + 1, types.get(c));
              }
              appender.endRow();
            }
            execution.fetchedFromSource(rows);
          }
        }
      } catch (SQLException e) {
        lease.broken();
        if (execution.isStopped()) {
          throw execution.stoppedError(e);
        }
        if (!e.getClass().getName().startsWith("net.snowflake")) {
          throw e; // DuckDB's (the appender's): the caller translates it
        }
        throw SnowflakeSources.translate(input.projectId(), input.connection(), e);
      } catch (FloeException e) {
        lease.broken();
        throw e;
      } finally {
        if (statement != null) {
          execution.unregister(statement);
          JdbcRowCursor.closeQuietly(statement);
        }
      }
    }
  }

  /**
   * The distinct join keys of a dynamic filter's DuckDB side, or null when there are more than
   * Snowflake should be sent ({@code DynamicFilters.MAX_KEYS}): then the rows come unfiltered.
   */
  private static List<Object> keys(DuckDBConnection duck, RemoteInput.KeyFilter filter,
      List<Object> params, Execution execution) throws SQLException {
    int max = io.floe.engine.sql.SnowflakeBackend.MAX_DYNAMIC_FILTER_KEYS;
    try (PreparedStatement ps = duck.prepareStatement(filter.keysSql() + " LIMIT " + (max + 1))) {
      for (int i = 0; i < filter.parameterOrder().size(); i++) {
        ps.setObject(i + 1, EngineSession.toDuckDb(params.get(filter.parameterOrder().get(i))));
      }
      execution.register(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<Object> keys = new java.util.ArrayList<>();
        while (rs.next()) {
          Object key = rs.getObject(1);
          if (key != null) { // a null key joins nothing
            keys.add(key);
          }
          if (keys.size() > max) {
            return null;
          }
        }
        return keys;
      } finally {
        execution.unregister(ps);
      }
    }
  }

  /** A parameter value as Snowflake's driver binds it. */
  private static Object toSnowflake(Object v) {
    if (v instanceof BigDecimal d && d.scale() > 0) {
      // Bound as text, which Snowflake converts to the number it is compared with: the driver
      // sends a decimal as FIXED, which fakesnow (the emulator the tests run) reads as an integer.
      return d.toPlainString();
    }
    if (v instanceof LocalDate d) {
      return java.sql.Date.valueOf(d);
    }
    if (v instanceof LocalDateTime t) {
      return java.sql.Timestamp.valueOf(t);
    }
    if (v instanceof LocalTime t) {
      return java.sql.Time.valueOf(t);
    }
    if (v instanceof OffsetDateTime t) {
      return java.sql.Timestamp.from(t.toInstant());
    }
    return v;
  }

  /** Appends column {@code c} of the current row as the DuckDB column's type takes it. */
  private static void append(DuckDBAppender appender, ResultSet rs, int c, ColumnType type)
      throws SQLException {
    switch (type.name()) {
      case BOOLEAN -> {
        boolean v = rs.getBoolean(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case SMALLINT -> {
        short v = rs.getShort(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case INTEGER -> {
        int v = rs.getInt(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case BIGINT -> {
        long v = rs.getLong(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case REAL -> {
        float v = rs.getFloat(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case DOUBLE -> {
        double v = rs.getDouble(c);
        if (rs.wasNull()) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case DECIMAL -> {
        BigDecimal v = rs.getBigDecimal(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v.setScale(type.scale(), RoundingMode.HALF_UP));
        }
      }
      case DATE -> {
        java.sql.Date v = rs.getDate(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v.toLocalDate());
        }
      }
      case TIME -> { // as text (RemoteInput.fetchSql)
        String v = rs.getString(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(LocalTime.parse(v));
        }
      }
      case TIMESTAMP -> {
        java.sql.Timestamp v = rs.getTimestamp(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v.toLocalDateTime());
        }
      }
      case TIMESTAMPTZ -> {
        java.sql.Timestamp v = rs.getTimestamp(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v.toInstant().atOffset(ZoneOffset.UTC));
        }
      }
      case BLOB -> {
        byte[] v = rs.getBytes(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
      case UUID -> {
        String v = rs.getString(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(java.util.UUID.fromString(v));
        }
      }
      default -> { // VARCHAR, JSON
        String v = rs.getString(c);
        if (v == null) {
          appender.appendNull();
        } else {
          appender.append(v);
        }
      }
    }
  }
}
