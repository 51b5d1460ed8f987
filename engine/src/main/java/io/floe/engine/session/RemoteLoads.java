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
    try (Opened opened = open(sources, input, input.fetchSql(keys == null ? null : keys.size()),
        params, keys, execution)) {
      try (DuckDBAppender appender = duck.createAppender("temp", "main", input.tableName())) {
        List<ColumnType> types = input.columnTypes();
        long rows = 0;
        while (opened.next()) {
          if ((++rows & 1023) == 0 && execution.isStopped()) {
            // The driver may still hold fetched chunks after Snowflake aborted the query.
            throw execution.stoppedError(null);
          }
          appender.beginRow();
          for (int c = 0; c < types.size(); c++) {
            append(appender, opened.read(c, types.get(c)), types.get(c));
          }
          appender.endRow();
        }
        execution.fetchedFromSource(rows);
      } catch (FloeException e) {
        opened.failed();
        throw e;
      } catch (SQLException e) {
        opened.failed();
        throw e; // the appender's: the caller translates DuckDB's errors
      }
    }
  }

  /**
   * A running Snowflake statement of an execution, and the session it runs on: reading translates
   * Snowflake's failures (a stop's own error when the execution was stopped), closing unregisters
   * it and gives the session back.
   */
  static final class Opened implements AutoCloseable {
    private final SnowflakeSources.Lease lease;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final RemoteInput input;
    private final Execution execution;

    private Opened(SnowflakeSources.Lease lease, PreparedStatement statement, ResultSet rs,
        RemoteInput input, Execution execution) {
      this.lease = lease;
      this.statement = statement;
      this.rs = rs;
      this.input = input;
      this.execution = execution;
    }

    boolean next() {
      try {
        return rs.next();
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    /** Column {@code c} (0-based) of the current row, of the class a row cursor gives its type. */
    Object read(int c, ColumnType type) {
      try {
        return value(rs, c + 1, type);
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    private FloeException failure(SQLException e) {
      failed();
      return execution.isStopped() ? execution.stoppedError(e)
          : SnowflakeSources.translate(input.projectId(), input.connection(), e);
    }

    /** The session is not reused after a failure or a stop. */
    void failed() {
      lease.broken();
    }

    @Override public void close() {
      execution.unregister(statement);
      JdbcRowCursor.closeQuietly(rs);
      JdbcRowCursor.closeQuietly(statement);
      if (execution.isStopped()) {
        lease.broken();
      }
      lease.close();
    }
  }

  /**
   * Runs {@code sql} (an input's SQL as fetched) in Snowflake with the statement's parameters and,
   * after them, a dynamic filter's keys; registers it with the execution, so a stop cancels it, and
   * records its query id.
   */
  static Opened open(SnowflakeSources sources, RemoteInput input, String sql, List<Object> params,
      List<Object> keys, Execution execution) {
    List<Object> values = new java.util.ArrayList<>();
    input.parameterOrder().forEach(i -> values.add(Values.javaTime(params.get(i))));
    if (keys != null) {
      keys.forEach(k -> values.add(Values.javaTime(k)));
    }
    SnowflakeSources.Lease lease = sources.lease(input.projectId(), input.connection());
    PreparedStatement statement = null;
    try {
      statement = lease.connection().prepareStatement(typedParameters(sql, values));
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, toSnowflake(values.get(i)));
      }
      execution.register(statement);
      if (execution.isStopped()) { // stopped before the statement could be cancelled
        throw execution.stoppedError(null);
      }
      ResultSet rs = statement.executeQuery();
      execution.ranInSource(input.connection(),
          statement.unwrap(SnowflakeStatement.class).getQueryID());
      return new Opened(lease, statement, rs, input, execution);
    } catch (SQLException | RuntimeException e) {
      lease.broken();
      if (statement != null) {
        execution.unregister(statement);
        JdbcRowCursor.closeQuietly(statement);
      }
      lease.close();
      if (e instanceof FloeException fe) {
        throw fe;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw execution.isStopped() ? execution.stoppedError(e)
          : SnowflakeSources.translate(input.projectId(), input.connection(), (SQLException) e);
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
    java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ISO_LOCAL_TIME;
    if (v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof LocalTime t) {
      return time.format(t); // always with seconds
    }
    if (v instanceof LocalDateTime t) {
      return t.toLocalDate() + " " + time.format(t);
    }
    if (v instanceof OffsetDateTime t) {
      OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
      return utc.toLocalDate() + " " + time.format(utc) + " +00:00";
    }
    return v;
  }

  /**
   * The SQL with each date or time parameter read as text of its own type ({@code CAST(? AS
   * DATE)}): the driver binds a {@code java.sql.Date} or {@code Timestamp} through the JVM's and
   * the session's time zones and {@code java.sql.Time} to the millisecond; text to the microsecond,
   * cast in the statement, is exact.
   */
  static String typedParameters(String sql, List<Object> values) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int parameter = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
          out.append(c).append(sql.charAt(++i));
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (c == '?' && parameter < values.size()) {
        Object v = values.get(parameter++);
        String type = v instanceof LocalDate ? "DATE" : v instanceof LocalTime ? "TIME"
            : v instanceof LocalDateTime ? "TIMESTAMP_NTZ" : v instanceof OffsetDateTime ? "TIMESTAMP_TZ"
            : null;
        out.append(type == null ? "?" : "CAST(? AS " + type + ")");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }


  /** A Snowflake column's value, of the class {@link io.floe.engine.api.sql.RowCursor} documents for its Floe type. */
  static Object value(ResultSet rs, int c, ColumnType type) throws SQLException {
    switch (type.name()) {
      case BOOLEAN: {
        boolean v = rs.getBoolean(c);
        return rs.wasNull() ? null : v;
      }
      case SMALLINT: {
        short v = rs.getShort(c);
        return rs.wasNull() ? null : v;
      }
      case INTEGER: {
        int v = rs.getInt(c);
        return rs.wasNull() ? null : v;
      }
      case BIGINT: {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
      }
      case REAL: {
        float v = rs.getFloat(c);
        return rs.wasNull() ? null : v;
      }
      case DOUBLE: {
        double v = rs.getDouble(c);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL: {
        BigDecimal v = rs.getBigDecimal(c);
        return v == null ? null : v.setScale(type.scale(), RoundingMode.HALF_UP);
      }
      case DATE: {
        java.sql.Date v = rs.getDate(c);
        return v == null ? null : v.toLocalDate();
      }
      case TIME: { // as text to the nanosecond (RemoteInput.fetchSql)
        String v = rs.getString(c);
        return v == null ? null : LocalTime.parse(v);
      }
      case TIMESTAMP: {
        java.sql.Timestamp v = rs.getTimestamp(c);
        return v == null ? null : v.toLocalDateTime();
      }
      case TIMESTAMPTZ: {
        java.sql.Timestamp v = rs.getTimestamp(c);
        return v == null ? null : v.toInstant().atOffset(ZoneOffset.UTC);
      }
      case BLOB:
        return rs.getBytes(c);
      default: // VARCHAR, JSON, UUID
        return rs.getString(c);
    }
  }

  /** Appends a value of the class {@link #value} gives for {@code type}. */
  private static void append(DuckDBAppender appender, Object v, ColumnType type)
      throws SQLException {
    if (v == null) {
      appender.appendNull();
    } else if (v instanceof Boolean b) {
      appender.append(b.booleanValue());
    } else if (v instanceof Short n) {
      appender.append(n.shortValue());
    } else if (v instanceof Integer n) {
      appender.append(n.intValue());
    } else if (v instanceof Long n) {
      appender.append(n.longValue());
    } else if (v instanceof Float n) {
      appender.append(n.floatValue());
    } else if (v instanceof Double n) {
      appender.append(n.doubleValue());
    } else if (v instanceof BigDecimal d) {
      appender.append(d);
    } else if (v instanceof LocalDate d) {
      appender.append(d);
    } else if (v instanceof LocalTime t) {
      appender.append(t);
    } else if (v instanceof LocalDateTime t) {
      appender.append(t);
    } else if (v instanceof OffsetDateTime t) {
      appender.append(t);
    } else if (v instanceof byte[] b) {
      appender.append(b);
    } else if (type.name() == io.floe.engine.api.catalog.TypeName.UUID) {
      appender.append(java.util.UUID.fromString(v.toString()));
    } else {
      appender.append(v.toString());
    }
  }
}
