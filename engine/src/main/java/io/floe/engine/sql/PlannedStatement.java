package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.ResultColumn;
import java.util.List;
import java.util.Map;
import org.apache.calcite.runtime.Bindable;

/**
 * A statement after planning, immutable and reusable: executions bind parameters to it. Plans are
 * cached, so everything in here must be safe to share between sessions of the same principal view.
 *
 * @param sql the statement as the client sent it
 * @param kind what it does
 * @param columns result columns (empty for DML)
 * @param parameterTypes types of the {@code ?} parameters, in order
 * @param tables tables it reads, keyed by DuckDB catalog name
 * @param target the project table a DML statement changes, or null
 * @param execution how it runs
 * @param planText the optimized plan, for EXPLAIN and diagnostics
 * @param workspaceObjects the workspace objects it reads or changes (names in schema public)
 * @param command the PostgreSQL command tag of a successful run ({@code SELECT}, {@code INSERT},
 *     {@code UPDATE}, {@code DELETE}, {@code CREATE TABLE}, ...)
 * @param literals for a plain statement planned as its shape, the values of the literals the
 *     shape lifted into parameters, bound at every run; else null
 */
public record PlannedStatement(String sql, Kind kind, List<ResultColumn> columns,
    List<ColumnType> parameterTypes, Map<String, FloeSchemas.VisibleTable> tables,
    FloeSchemas.VisibleTable target, Execution execution, String planText,
    List<String> workspaceObjects, String command, Literals literals) implements Prepared {

  /** What a statement does. */
  public enum Kind { QUERY, DML, EXPLAIN, DDL }

  public PlannedStatement(String sql, Kind kind, List<ResultColumn> columns,
      List<ColumnType> parameterTypes, Map<String, FloeSchemas.VisibleTable> tables,
      FloeSchemas.VisibleTable target, Execution execution, String planText) {
    this(sql, kind, columns, parameterTypes, tables, target, execution, planText, List.of(),
        kind == Kind.EXPLAIN ? "EXPLAIN" : "SELECT");
  }

  public PlannedStatement(String sql, Kind kind, List<ResultColumn> columns,
      List<ColumnType> parameterTypes, Map<String, FloeSchemas.VisibleTable> tables,
      FloeSchemas.VisibleTable target, Execution execution, String planText,
      List<String> workspaceObjects, String command) {
    this(sql, kind, columns, parameterTypes, tables, target, execution, planText, workspaceObjects,
        command, null);
  }

  public PlannedStatement {
    if (literals != null && !parameterTypes.isEmpty()) {
      throw new IllegalArgumentException("a statement with lifted literals has no parameters");
    }
    workspaceObjects = List.copyOf(workspaceObjects);
    requireNonNull(command, "command");
    requireNonNull(sql, "sql");
    requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    parameterTypes = List.copyOf(parameterTypes);
    tables = Map.copyOf(tables);
    requireNonNull(execution, "execution");
  }

  /**
   * The literals a plain statement's shape lifted into parameters: the statement runs with these
   * values bound, and the client binds nothing.
   *
   * @param types each parameter's type
   * @param values each parameter's value, of the class {@code ParameterValues} gives its type
   */
  public record Literals(List<ColumnType> types, List<Object> values) {
    public Literals {
      types = List.copyOf(types);
      values = List.copyOf(values);
      if (types.size() != values.size()) {
        throw new IllegalArgumentException(types.size() + " types for " + values.size() + " values");
      }
    }
  }

  /**
   * This plan of a shape, as the plan of the plain statement {@code text}: no parameters for the
   * client, {@code literals} bound at every run.
   */
  PlannedStatement withLiterals(String text, Literals lifted) {
    if (lifted.types().size() != parameterTypes.size() || literals != null) {
      throw new IllegalArgumentException("not the plan of a shape with " + lifted.types().size()
          + " parameters");
    }
    return new PlannedStatement(text, kind, columns, List.of(), tables, target, execution, planText,
        workspaceObjects, command, lifted);
  }

  /**
   * The values a run binds: the lifted literals' for a plain statement planned as its shape, else
   * the client's (already coerced to {@link #parameterTypes}).
   */
  public List<Object> boundValues(List<Object> clientValues) {
    return literals == null ? clientValues : literals.values();
  }

  /** The types of the values a run binds ({@link #boundValues}). */
  public List<ColumnType> boundTypes() {
    return literals == null ? parameterTypes : literals.types();
  }

  /** How a planned statement runs. */
  public sealed interface Execution permits PushedDown, Remote, Enumerable, Rows, Command {}

  /**
   * The whole statement is one Snowflake statement: rows stream straight from Snowflake's result,
   * through no DuckDB table.
   *
   * @param input the Snowflake statement
   * @param orderBy the ORDER BY written around it (column names of its result), or empty
   * @param projection for each result column, the index of the Snowflake statement's column
   * @param viaDuckDb the same statement as a federated DuckDB statement, for what needs one
   *     (writing a file, CREATE TABLE AS)
   */
  public record Remote(SnowflakeBackend.RemoteInput input, String orderBy, List<Integer> projection,
      PushedDown viaDuckDb) implements Execution {
    public Remote {
      requireNonNull(input, "input");
      requireNonNull(orderBy, "orderBy");
      projection = List.copyOf(projection);
      requireNonNull(viaDuckDb, "viaDuckDb");
    }

    /** The SQL Snowflake runs. */
    public String sql() {
      String fetched = input.fetchSql(null);
      return orderBy.isEmpty() ? fetched
          : "SELECT * FROM (" + fetched + ") AS \"floe_sorted\" ORDER BY " + orderBy;
    }
  }

  /**
   * A workspace DDL statement, run by the engine: it changes the catalog and the workspace's file.
   *
   * @param statement what to do
   * @param query the planned query of CREATE TABLE AS and CREATE VIEW, else null
   */
  public record Command(DdlStatement statement, PlannedStatement query) implements Execution {
    public Command {
      requireNonNull(statement, "statement");
    }
  }

  /**
   * The whole statement is one DuckDB statement: no Calcite runtime, rows stream straight from
   * DuckDB's result set.
   *
   * @param duckDbSql the SQL sent to DuckDB
   * @param parameterOrder for each {@code ?} in {@code duckDbSql}, the index of the client's parameter
   * @param remoteInputs the Snowflake statements whose rows are streamed into temporary tables
   *     before {@code duckDbSql} runs, which reads them (a federated plan); empty for DuckDB alone
   */
  public record PushedDown(String duckDbSql, List<Integer> parameterOrder,
      List<SnowflakeBackend.RemoteInput> remoteInputs) implements Execution {
    public PushedDown {
      requireNonNull(duckDbSql, "duckDbSql");
      parameterOrder = List.copyOf(parameterOrder);
      remoteInputs = List.copyOf(remoteInputs);
    }

    public PushedDown(String duckDbSql, List<Integer> parameterOrder) {
      this(duckDbSql, parameterOrder, List.of());
    }
  }

  /**
   * Calcite executes the plan (federation, or operators DuckDB cannot take), with generated code.
   *
   * @param bindable the compiled plan
   * @param internalParameters values the generated code reads from its DataContext
   * @param projection for each result column, the index of the plan's field that holds it
   */
  public record Enumerable(Bindable<Object> bindable, Map<String, Object> internalParameters,
      List<Integer> projection) implements Execution {
    public Enumerable {
      requireNonNull(bindable, "bindable");
      projection = List.copyOf(projection);
    }
  }

  /** Fixed rows, computed at planning (EXPLAIN). */
  public record Rows(List<Object[]> rows) implements Execution {
    public Rows {
      rows = List.copyOf(rows);
    }
  }

  @Override public boolean returnsRows() {
    return kind == Kind.QUERY || kind == Kind.EXPLAIN;
  }

  /** True for statements that change data or definitions. */
  @Override public boolean isWrite() {
    return kind == Kind.DML || kind == Kind.DDL;
  }

  public boolean isPushedDown() {
    return execution instanceof PushedDown;
  }

  /** How the statement runs as one DuckDB statement, if it can: itself, or a remote one's. */
  public PushedDown asDuckDbStatement() {
    return execution instanceof PushedDown p ? p
        : execution instanceof Remote r ? r.viaDuckDb() : null;
  }
}
