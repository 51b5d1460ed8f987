package io.floe.engine.session;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.sql.DdlStatement;
import io.floe.engine.sql.FloeRoot;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.storage.DuckDbSql;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.WorkspaceObjects;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * Runs a workspace user's DDL ({@link PlannedStatement.Command}) inside a session's execution, so
 * it is cancellable, timed and audited like a query. The DuckDB statements it sends are Floe's own,
 * built from validated names and catalog types; the queries of CREATE TABLE AS were planned against
 * the principal's root like any query.
 */
final class WorkspaceCommands {
  private final WorkspaceObjects objects;
  private final DuckDbStorage storage;

  private final io.floe.engine.snowflake.SnowflakeSources snowflake;

  WorkspaceCommands(Catalog catalog, DuckDbStorage storage,
      io.floe.engine.snowflake.SnowflakeSources snowflake) {
    this.snowflake = snowflake;
    this.objects = new WorkspaceObjects(catalog, storage);
    this.storage = storage;
  }

  void attach(WorkspaceDef ws) {
    objects.attach(ws);
  }

  /** See {@link WorkspaceObjects#writeWithinLimit}. */
  long writeWithinLimit(DuckDBConnection connection, WorkspaceDef ws, WorkspaceObjects.Write write)
      throws SQLException {
    return objects.writeWithinLimit(connection, ws, write);
  }

  /** See {@link WorkspaceObjects#writeInBlock}. */
  long writeInBlock(DuckDBConnection connection, WorkspaceDef ws, WorkspaceObjects.Write write)
      throws SQLException {
    return objects.writeInBlock(connection, ws, write);
  }

  /** Runs the command; returns the rows CREATE TABLE AS wrote, 0 for other commands. */
  long run(EngineSession session, FloeRoot root, PlannedStatement plan, PlannedStatement.Command command,
      List<Object> params, Execution execution, Duration timeout) {
    WorkspaceDef ws = root.workspace().workspace();
    Consumer<Statement> register = execution::register;
    DdlStatement ddl = command.statement();
    if (ddl instanceof DdlStatement.CreateTable t) {
      objects.checkSize(ws);
      objects.createTable(ws, t.name(), t.columns(), t.primaryKey(), t.ifNotExists(), register);
      return 0;
    }
    if (ddl instanceof DdlStatement.CreateTableAs t) {
      return createTableAs(session, ws, t, command.query(), params, execution, timeout);
    }
    if (ddl instanceof DdlStatement.CreateView v) {
      List<ResultColumn> result = command.query().columns();
      List<ColumnDef> columns = new ArrayList<>();
      for (int i = 0; i < result.size(); i++) {
        String name = v.columnNames().isEmpty() ? result.get(i).label() : v.columnNames().get(i);
        columns.add(new ColumnDef(name, result.get(i).type(), result.get(i).nullable()));
      }
      objects.createView(ws, v.name(), v.orReplace(), v.query(), columns);
      return 0;
    }
    if (ddl instanceof DdlStatement.Drop d) {
      for (String name : d.names()) {
        objects.drop(ws, name, d.view() ? WorkspaceObject.Kind.VIEW : WorkspaceObject.Kind.TABLE,
            d.ifExists(), register);
      }
      return 0;
    }
    DdlStatement.Truncate t = (DdlStatement.Truncate) ddl;
    for (String name : t.names()) {
      objects.truncate(ws, name, register);
    }
    return 0;
  }

  private long createTableAs(EngineSession session, WorkspaceDef ws, DdlStatement.CreateTableAs t,
      PlannedStatement query, List<Object> params, Execution execution, Duration timeout) {
    List<ColumnDef> columns = new ArrayList<>();
    for (ResultColumn c : query.columns()) {
      columns.add(new ColumnDef(c.label(), c.type(), true));
    }
    if (!objects.createTable(ws, t.name(), columns, List.of(), t.ifNotExists(), execution::register)) {
      return 0;
    }
    String target = DuckDbSql.table(ws.duckDbCatalog(), t.name());
    try {
      if (query.asDuckDbStatement() != null) {
        return insertPushedDown(ws, target, query.asDuckDbStatement(), params, execution);
      }
      return insertRows(ws, target, columns.size(),
          session.openQuery(query, params, execution, timeout), execution);
    } catch (RuntimeException e) {
      try {
        objects.drop(ws, t.name(), WorkspaceObject.Kind.TABLE, true, s -> {});
      } catch (RuntimeException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
  }

  /** One DuckDB statement: INSERT INTO the new table SELECT the pushed-down query. */
  private long insertPushedDown(WorkspaceDef ws, String target, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution) {
    String sql = "INSERT INTO " + target + " SELECT * FROM (" + pushed.duckDbSql() + ") AS _floe";
    try (DuckDBConnection c = storage.connect()) {
      RemoteLoads.load(snowflake, c, pushed.remoteInputs(), params, execution);
      return insertPushedDown(c, ws, sql, pushed, params, execution);
    } catch (SQLException e) {
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    }
  }

  private long insertPushedDown(DuckDBConnection c, WorkspaceDef ws, String sql,
      PlannedStatement.PushedDown pushed, List<Object> params, Execution execution) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      List<Integer> order = pushed.parameterOrder();
      for (int i = 0; i < order.size(); i++) {
        ps.setObject(i + 1, EngineSession.toDuckDb(params.get(order.get(i))));
      }
      execution.register(ps);
      try {
        return objects.writeWithinLimit(c, ws, () -> {
          ps.execute();
          return Math.max(ps.getUpdateCount(), 0);
        });
      } finally {
        execution.unregister(ps);
      }
    } catch (SQLException e) {
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    }
  }

  /** Rows computed by Calcite, inserted in batches. */
  private long insertRows(WorkspaceDef ws, String target, int width, RowCursor rows,
      Execution execution) {
    String sql = "INSERT INTO " + target + " VALUES ("
        + String.join(", ", Collections.nCopies(width, "?")) + ")";
    try (rows; DuckDBConnection c = storage.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      execution.register(ps);
      long count = objects.writeWithinLimit(c, ws, () -> {
        long n = 0;
        int batch = 0;
        while (rows.next()) {
          for (int i = 0; i < width; i++) {
            ps.setObject(i + 1, EngineSession.toDuckDb(rows.get(i)));
          }
          ps.addBatch();
          n++;
          if (++batch == 1000) {
            ps.executeBatch();
            batch = 0;
          }
        }
        if (batch > 0) {
          ps.executeBatch();
        }
        return n;
      });
      execution.unregister(ps);
      return count;
    } catch (SQLException e) {
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    } catch (FloeException e) {
      throw e;
    }
  }
}
