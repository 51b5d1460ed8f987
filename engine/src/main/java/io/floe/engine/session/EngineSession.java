package io.floe.engine.session;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ListedFunction;
import io.floe.engine.api.sql.CopyTarget;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.RunningStatement;
import io.floe.engine.api.sql.Session;
import io.floe.engine.api.sql.TrackedWork;
import io.floe.engine.audit.AuditEvent;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.sql.FloeCatalogReader;
import io.floe.engine.sql.FloeRoot;
import io.floe.engine.sql.FloeSchemas;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.sql.SqlVocabulary;
import io.floe.engine.sql.WorkspaceView;
import io.floe.engine.storage.WorkspaceObjects;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.calcite.linq4j.Enumerable;
import org.duckdb.DuckDBConnection;

/**
 * One client connection's state in the engine: the principal, its view of the catalog, default
 * schema, statement timeout, and the statements it is running. Every front-end executes SQL only
 * through a session, so planning, access control, timeouts, cancellation and audit are the same
 * for all of them.
 */
public final class EngineSession implements Session {
  private final SessionManager manager;
  private final String id;
  private final String frontEnd;
  private final SqlFlavor flavor;
  private final Set<Execution> running = ConcurrentHashMap.newKeySet();
  private final DuckDbConnections connections;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.Set<Planning> planningNow = ConcurrentHashMap.newKeySet();
  private volatile Principal principal;
  /** The catalog version {@link #principal} was read at. */
  private volatile long principalVersion;
  /** The name the client logged in as ({@code current_user}, {@code session_user}, ...). */
  private final String user;
  private volatile List<String> defaultSchema;
  /** Schemas a client named to search (PostgreSQL's search_path); null: the default schema's. */
  private volatile List<String> searchPath;
  private volatile Duration statementTimeout;
  private volatile SessionTransaction transaction;

  EngineSession(SessionManager manager, String id, Principal principal, String user, String frontEnd,
      SqlFlavor flavor) {
    this.manager = manager;
    this.id = id;
    this.principal = principal;
    this.principalVersion = manager.catalog.snapshot().version();
    this.user = requireNonNull(user, "user");
    this.frontEnd = frontEnd;
    this.flavor = flavor;
    this.defaultSchema = principal.projectId() == null ? List.of()
        : principal.isWorkspace() ? List.of(principal.projectId(), WorkspaceView.SCHEMA)
        : List.of(principal.projectId());
    this.statementTimeout = manager.config.defaultStatementTimeout();
    this.connections = new DuckDbConnections(manager.storage);
  }

  public String id() {
    return id;
  }

  public Principal principal() {
    return principal;
  }

  /**
   * The session's user name: the name the client logged in as where the front-end has one (a
   * PostgreSQL role), else the principal's name. SQL's {@code current_user} answers it.
   */
  public String user() {
    return user;
  }

  public String frontEnd() {
    return frontEnd;
  }

  public SqlFlavor flavor() {
    return flavor;
  }

  @Override public List<ListedFunction> functions() {
    return SqlVocabulary.functions(flavor);
  }

  @Override public List<String> keywords() {
    return SqlVocabulary.keywords(flavor);
  }

  public boolean isClosed() {
    return closed.get();
  }

  /**
   * The principal as the catalog at {@code snapshot} says it is: its token's rights are read again
   * whenever the catalog has changed since they were last read, so a narrowed token, a revoked
   * share or a dropped workspace applies to open sessions at their next statement, whatever the
   * front-end. Front-ends never refresh principals themselves.
   *
   * @throws FloeException {@code unauthenticated} or {@code session_closed} when the identity no
   *     longer exists (token revoked or expired, workspace dropped)
   */
  Principal principalAt(CatalogSnapshot snapshot) {
    Principal current = principal;
    if (snapshot.version() == principalVersion) {
      return current;
    }
    synchronized (this) {
      if (snapshot.version() != principalVersion) {
        Principal fresh = manager.principals.apply(principal);
        if (!fresh.name().equals(principal.name())) {
          throw FloeException.denied("this session belongs to another principal");
        }
        principal = fresh;
        principalVersion = snapshot.version();
      }
      return principal;
    }
  }

  /** The schema path unqualified names resolve against (a project id for project principals). */
  public List<String> defaultSchema() {
    return defaultSchema;
  }

  public void setDefaultSchema(List<String> path) {
    this.defaultSchema = List.copyOf(path);
  }

  /**
   * Schemas of the principal's project that unqualified names are looked up in, in order, as
   * PostgreSQL's {@code search_path}: a name found in none of them is not found, schema- and
   * project-qualified names resolve as always. Null restores the default (the default schema).
   */
  public void setSearchPath(List<String> schemas) {
    this.searchPath = schemas == null ? null : List.copyOf(schemas);
  }

  /** The schema paths unqualified names resolve against, in order. */
  public List<List<String>> searchPaths() {
    List<String> schemas = searchPath;
    if (schemas == null || principal.projectId() == null) {
      return FloeCatalogReader.schemaPaths(defaultSchema);
    }
    List<List<String>> paths = new java.util.ArrayList<>();
    for (String schema : schemas) {
      paths.add(List.of(principal.projectId(), schema));
    }
    paths.add(List.of(principal.projectId()));
    paths.add(List.of());
    return List.copyOf(paths);
  }

  public Duration statementTimeout() {
    return statementTimeout;
  }

  /**
   * Sets this session's statement timeout. Zero or negative means the server default; values above
   * the server maximum are capped at it.
   */
  public void setStatementTimeout(Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      this.statementTimeout = manager.config.defaultStatementTimeout();
    } else if (timeout.compareTo(manager.config.maxStatementTimeout()) > 0) {
      this.statementTimeout = manager.config.maxStatementTimeout();
    } else {
      this.statementTimeout = timeout;
    }
  }

  // ---- transaction blocks ----------------------------------------------------------------------

  /**
   * Starts a transaction block: until {@link #commit} or {@link #rollback}, writes to the
   * principal's workspace are one DuckDB transaction (see {@link SessionTransaction}). A block
   * already open stays as it is.
   */
  public void begin() {
    checkOpen();
    if (transaction == null) {
      transaction = new SessionTransaction(manager.storage);
    }
  }

  /** Whether a transaction block is open. */
  public boolean inTransaction() {
    return transaction != null;
  }

  /** Write statements the open block has run, failed ones included (0 outside a block). */
  public long transactionWrites() {
    SessionTransaction tx = transaction;
    return tx == null ? 0 : tx.writes();
  }

  /**
   * Ends the block, committing its writes. If the block's DuckDB transaction was already aborted
   * (a write in it failed), nothing is committed and this fails with 25P02; the block ends either way.
   */
  public void commit() {
    SessionTransaction tx = transaction;
    transaction = null;
    if (tx == null) {
      return;
    }
    if (tx.isAborted()) {
      throw new FloeException(ErrorCode.IN_FAILED_TRANSACTION, "the transaction was aborted by an "
          + "earlier error and has been rolled back");
    }
    tx.commit();
  }

  /** Ends the block, undoing its writes. */
  public void rollback() {
    SessionTransaction tx = transaction;
    transaction = null;
    if (tx != null) {
      tx.rollback();
    }
  }

  /** The principal's current view of the catalog. */
  public FloeRoot root() {
    CatalogSnapshot snapshot = manager.catalog.snapshot();
    return manager.schemas.rootFor(principalAt(snapshot), snapshot, flavor);
  }

  /**
   * What the principal sees of the catalog now, for every listing a front-end presents
   * ({@code information_schema}, JDBC metadata, {@code pg_catalog}, {@code SHOW}); built and cached
   * with the principal's root.
   */
  public CatalogListing listing() {
    return root().listing();
  }

  /**
   * Plans a statement (cached), without running it. Failures are audited. Planning counts
   * against the statement timeout and stops at a cancel request ({@link #cancelPlanning}): a
   * statement Calcite's optimizer cannot settle fails with {@code statement_timeout} instead of
   * holding a thread for ever.
   */
  @Override public PlannedStatement prepare(String sql) {
    return prepare(LexedStatement.of(sql));
  }

  /** Plans a statement a front-end has already lexed; see {@link #prepare(String)}. */
  @Override public PlannedStatement prepare(LexedStatement statement) {
    String sql = statement.text();
    checkOpen();
    Instant start = Instant.now(manager.clock);
    Planning planning = new Planning();
    planningNow.add(planning);
    ScheduledFuture<?> timer = manager.timers.schedule(
        () -> planning.stop(true), statementTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return manager.planner.plan(root(), searchPaths(), user, flavor, statement, planning.cancel);
    } catch (RuntimeException | Error e) {
      FloeException error = !planning.cancel.get() ? ExecutionErrors.of(e, "planning failed")
          : planning.timedOut ? new FloeException(ErrorCode.STATEMENT_TIMEOUT,
              "canceling statement due to statement timeout (while planning it)", e)
          : new FloeException(ErrorCode.QUERY_CANCELLED,
              "canceling statement due to user request (while planning it)", e);
      audit(sql, start, List.of(), 0, error);
      throw error;
    } finally {
      timer.cancel(false);
      planningNow.remove(planning);
    }
  }

  /** Plans a statement whose parameters the client declared types for; see {@link DeclaredParameters}. */
  @Override public PlannedStatement prepare(LexedStatement statement,
      List<io.floe.engine.api.catalog.ColumnType> declared) {
    return DeclaredParameters.plan(statement, declared, this::prepare);
  }

  /**
   * The plan to run a query with these parameter values: its own, or (when a value does not fit
   * the type planning gave its parameter) the query planned with that parameter typed from its
   * value ({@link ValueTypedParameters}).
   */
  private PlannedStatement typedFor(PlannedStatement plan, List<Object> values) {
    if (plan.kind() != PlannedStatement.Kind.QUERY) {
      return plan;
    }
    java.util.Optional<LexedStatement> retyped =
        ValueTypedParameters.retype(plan.sql(), plan.parameterTypes(), values);
    if (retyped.isEmpty()) {
      return plan;
    }
    try {
      return prepare(retyped.get());
    } catch (FloeException e) {
      // Where a cast cannot stand (a LIMIT), the value converts to the planned type as before.
      return plan;
    }
  }

  /** Stops the statements this session is planning now; false if it plans none. */
  public boolean cancelPlanning(boolean timeout) {
    planningNow.forEach(p -> p.stop(timeout));
    return !planningNow.isEmpty();
  }

  /** One statement being planned, and why it was stopped. */
  private static final class Planning {
    final AtomicBoolean cancel = new AtomicBoolean();
    volatile boolean timedOut;

    void stop(boolean timeout) {
      timedOut |= timeout;
      cancel.set(true);
    }
  }

  /** Plans (from cache when possible) and runs a statement. */
  public QueryResult execute(String sql, List<Object> parameters) {
    return execute(prepare(sql), parameters);
  }

  /**
   * Runs a planned statement with parameters. The plan must come from this session's
   * {@link #prepare}; callers holding a plan across catalog changes should prepare again, which is
   * cheap (plans are cached) and re-checks access.
   */
  @Override public QueryResult execute(Prepared statement, List<Object> parameters) {
    return execute(statement, parameters, e -> {});
  }

  /**
   * Runs a planned statement; {@code onStart} receives its {@link Execution} before any work starts,
   * so a front-end can map its own statement ids to executions for cancel requests.
   */
  @Override public QueryResult execute(Prepared statement, List<Object> parameters,
      Consumer<RunningStatement> onStart) {
    if (!(statement instanceof PlannedStatement prepared)) {
      throw new IllegalArgumentException("not a statement prepared by a session: " + statement);
    }
    checkOpen();
    List<Object> given = parameters == null ? List.of() : parameters;
    PlannedStatement plan = typedFor(prepared, given);
    List<Object> params = plan.boundValues(ParameterValues.coerce(given, plan.parameterTypes()));
    Execution execution = manager.begin(this, plan.sql());
    running.add(execution);
    onStart.accept(execution);
    Instant start = execution.startedAt();
    Duration timeout = statementTimeout;
    ScheduledFuture<?> timer = manager.timers.schedule(
        () -> execution.stop(Execution.StopReason.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<String> projectTables = plan.tables().values().stream()
        .map(FloeSchemas.VisibleTable::qualifiedName).toList();
    // Project tables only: these are the reads a lost share or link stops (stopReadsOutside).
    execution.reads(projectTables);
    List<String> tableNames = new ArrayList<>(projectTables);
    plan.workspaceObjects().forEach(o -> tableNames.add(WorkspaceView.SCHEMA + "." + o));
    AtomicBoolean completed = new AtomicBoolean();
    Completion completion = (rows, error) -> {
      if (completed.compareAndSet(false, true)) {
        timer.cancel(false);
        running.remove(execution);
        manager.end(execution);
        audit(plan.sql(), start, tableNames, rows, error, execution.sourceQueries(),
            execution.sourceRows());
      }
    };
    try {
      FloeRoot root = root();
      attach(plan, root);
      PlannedStatement.Execution how = plan.execution();
      SessionTransaction tx = transaction;
      if (tx != null && tx.isAborted()) {
        throw new FloeException(ErrorCode.IN_FAILED_TRANSACTION, "current transaction is aborted, "
            + "commands ignored until end of transaction block");
      }
      if (how instanceof PlannedStatement.Command && tx != null) {
        throw FloeException.of(ErrorCode.ACTIVE_SQL_TRANSACTION, "%s cannot run inside a "
            + "transaction block: creating, dropping and truncating workspace tables and views "
            + "commit at once, so run it outside BEGIN ... COMMIT (in autocommit mode)",
            plan.command());
      }
      if (how instanceof PlannedStatement.Enumerable && tx != null && tx.readConnection() != null
          && !plan.workspaceObjects().isEmpty()) {
        throw new FloeException(ErrorCode.ACTIVE_SQL_TRANSACTION, "this query runs partly outside "
            + "DuckDB and cannot see the uncommitted writes of this transaction block: COMMIT first");
      }
      if (how instanceof PlannedStatement.PushedDown p && !p.remoteInputs().isEmpty() && tx != null
          && tx.readConnection() != null) {
        // Its Snowflake rows would go into temporary tables on the transaction's connection, which
        // the block's other open results share.
        throw new FloeException(ErrorCode.ACTIVE_SQL_TRANSACTION, "this statement joins Snowflake "
            + "rows with DuckDB's and cannot run inside a transaction block that has written: "
            + "COMMIT first");
      }
      if (how instanceof PlannedStatement.Command command) {
        long count = manager.workspaceCommands.run(this, root, plan, command, params, execution,
            timeout);
        completion.done(Math.max(count, 0), null);
        return new QueryResult(execution.id(), null, count, plan.command());
      }
      if (plan.kind() == PlannedStatement.Kind.DML && tx != null
          && !((PlannedStatement.PushedDown) how).remoteInputs().isEmpty()) {
        throw new FloeException(ErrorCode.ACTIVE_SQL_TRANSACTION, "this statement reads Snowflake "
            + "and cannot run inside a transaction block: run it in autocommit mode");
      }
      if (plan.kind() == PlannedStatement.Kind.DML) {
        long count = tx == null
            ? runUpdate((PlannedStatement.PushedDown) how, params, execution, root)
            : runUpdateInBlock(tx, (PlannedStatement.PushedDown) how, params, execution, root);
        completion.done(count, null);
        return new QueryResult(execution.id(), null, count, plan.command());
      }
      RowCursor cursor;
      if (how instanceof PlannedStatement.Remote r) {
        cursor = new RemoteRowCursor(plan.columns(), RemoteLoads.open(manager.snowflake, r.input(),
            r.sql(), params, null, execution), r.projection(), r.input().columnTypes(), execution,
            completion);
      } else if (how instanceof PlannedStatement.PushedDown p) {
        cursor = runPushedDown(plan, p, params, execution, completion,
            tx == null ? null : tx.readConnection());
      } else if (how instanceof PlannedStatement.Enumerable e) {
        cursor = runEnumerable(plan, e, params, execution, timeout, completion);
      } else {
        cursor = new ListRowCursor(plan.columns(), ((PlannedStatement.Rows) how).rows(), completion);
      }
      return new QueryResult(execution.id(), cursor, -1);
    } catch (FloeException e) {
      completion.done(0, e);
      throw e;
    } catch (RuntimeException | Error e) {
      FloeException error = execution.isStopped() ? execution.stoppedError(e)
          : ExecutionErrors.of(e, "statement failed");
      if (e instanceof LinkageError) {
        // Generated code whose class failed to initialize fails the same way on every run.
        manager.planner.forget(plan);
      }
      completion.done(0, error);
      throw error;
    }
  }

  /**
   * Attaches the files a plan reads or writes: project tables, dev-branch copies, and the
   * principal's workspace.
   */
  private void attach(PlannedStatement plan, FloeRoot root) {
    for (FloeSchemas.VisibleTable t : plan.tables().values()) {
      if (t.branchId() == null) {
        manager.storage.ensureAttached(t.table());
      } else {
        manager.storage.ensureAttached(t.duckDbCatalog(), manager.storage.branchTableFile(
            t.table().projectId(), t.branchId(), t.table().id()), false);
      }
    }
    if (root.workspace() != null) {
      manager.workspaceCommands.attach(root.workspace().workspace());
    }
  }

  /**
   * Runs a pushed-down INSERT, UPDATE or DELETE (of the principal's workspace: the planner refuses
   * every other write) within the workspace's size limit; returns the rows it changed.
   */
  private long runUpdate(PlannedStatement.PushedDown pushed, List<Object> params,
      Execution execution, FloeRoot root) {
    try (DuckDBConnection connection = manager.storage.connect()) {
      RemoteLoads.load(manager.snowflake, connection, pushed.remoteInputs(), params, execution);
      return runUpdate(connection, pushed, params, execution, root);
    } catch (SQLException e) {
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    }
  }

  private long runUpdate(DuckDBConnection connection, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution, FloeRoot root) {
    try (PreparedStatement statement = connection.prepareStatement(pushed.duckDbSql())) {
      List<Integer> order = pushed.parameterOrder();
      for (int i = 0; i < order.size(); i++) {
        statement.setObject(i + 1, toDuckDb(params.get(order.get(i))));
      }
      execution.register(statement);
      try {
        WorkspaceObjects.Write write = () -> {
          statement.execute();
          return Math.max(statement.getUpdateCount(), 0);
        };
        return root.workspace() == null ? write.run()
            : manager.workspaceCommands.writeWithinLimit(connection, root.workspace().workspace(), write);
      } finally {
        execution.unregister(statement);
      }
    } catch (SQLException e) {
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    }
  }

  /**
   * Runs a pushed-down INSERT, UPDATE or DELETE of the workspace on the transaction block's
   * connection, without committing. A failure, or a write that takes the workspace over its size
   * limit, aborts the whole block (DuckDB has no savepoints): its earlier writes are rolled back.
   */
  private long runUpdateInBlock(SessionTransaction tx, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution, FloeRoot root) {
    // Holding the block's lock: a close from another thread (a client gone) stops the statement,
    // then waits for it to end before it rolls back and closes the connection.
    synchronized (tx) {
      return runUpdateInBlockLocked(tx, pushed, params, execution, root);
    }
  }

  private long runUpdateInBlockLocked(SessionTransaction tx, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution, FloeRoot root) {
    DuckDbConnections.Pooled pooled = tx.writeConnection();
    tx.wrote();
    try (PreparedStatement statement = pooled.connection.prepareStatement(pushed.duckDbSql())) {
      List<Integer> order = pushed.parameterOrder();
      for (int i = 0; i < order.size(); i++) {
        statement.setObject(i + 1, toDuckDb(params.get(order.get(i))));
      }
      execution.register(statement);
      try {
        return manager.workspaceCommands.writeInBlock(pooled.connection,
            root.workspace().workspace(), () -> {
              statement.execute();
              return Math.max(statement.getUpdateCount(), 0);
            });
      } finally {
        execution.unregister(statement);
      }
    } catch (SQLException e) {
      tx.abort();
      throw execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
    } catch (RuntimeException e) {
      tx.abort();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, PlannedStatement.PushedDown pushed,
      List<Object> params) throws SQLException {
    List<Integer> order = pushed.parameterOrder();
    for (int i = 0; i < order.size(); i++) {
      statement.setObject(i + 1, toDuckDb(params.get(order.get(i))));
    }
  }

  /**
   * DuckDB's JDBC result set (streaming results) cannot say why a statement failed before its
   * first rows: every such failure is "Invalid result set", and the statement is closed. So a
   * failure that was not a cancellation is explained by running the statement once more, freshly
   * prepared, through the chunk API, which reports DuckDB's own error (a pushed-down SELECT has no
   * effects). The decision never reads the message's text.
   */
  private static SQLException whyItFailed(DuckDbConnections.Pooled pooled,
      PlannedStatement.PushedDown pushed, List<Object> params, Execution execution,
      SQLException failure) {
    String sql = pushed.duckDbSql();
    pooled.discard(sql);
    PreparedStatement again = null;
    try {
      again = pooled.prepare(sql);
      bind(again, pushed, params);
      execution.register(again);
      try (AutoCloseable ignored = ChunkRowCursor.query(again)) {
        return failure;
      }
    } catch (SQLException real) {
      return real;
    } catch (Exception closing) {
      return failure;
    } finally {
      if (again != null) {
        execution.unregister(again);
      }
    }
  }

  private RowCursor runPushedDown(PlannedStatement plan, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution, Completion completion) {
    return runPushedDown(plan, pushed, params, execution, completion, null);
  }

  /** {@code inBlock}: the transaction block's connection once it has written, else null. */
  private RowCursor runPushedDown(PlannedStatement plan, PlannedStatement.PushedDown pushed,
      List<Object> params, Execution execution, Completion completion,
      DuckDbConnections.Pooled inBlock) {
    String sql = pushed.duckDbSql();
    DuckDbConnections.Pooled pooled = inBlock != null ? inBlock
        : connections.acquire(manager.catalog.snapshot().version());
    PreparedStatement statement = null;
    try {
      if (!pushed.remoteInputs().isEmpty()) {
        RemoteLoads.load(manager.snowflake, pooled, pushed.remoteInputs(), params, execution);
      }
      statement = pooled.prepare(sql);
      bind(statement, pushed, params);
      ChunkRowCursor.VectorReader[] readers = ChunkRowCursor.readers(plan.columns(), statement);
      execution.register(statement);
      if (readers != null) {
        return new ChunkRowCursor(plan.columns(), readers, connections, pooled, sql, statement,
            ChunkRowCursor.query(statement), execution, completion);
      }
      ResultSet rs;
      try {
        rs = statement.executeQuery();
      } catch (SQLException e) {
        throw execution.isStopped() ? e : whyItFailed(pooled, pushed, params, execution, e);
      }
      return new JdbcRowCursor(plan.columns(), connections, pooled, sql, statement, rs, execution,
          completion);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        execution.unregister(statement);
      }
      pooled.discard(sql);
      connections.release(pooled);
      if (e instanceof RuntimeException re && !(e instanceof FloeException)) {
        throw re;
      }
      if (e instanceof FloeException fe) {
        throw fe;
      }
      SQLException se = (SQLException) e;
      throw execution.isStopped() ? execution.stoppedError(se) : DuckDbErrors.translate(se);
    }
  }

  private RowCursor runEnumerable(PlannedStatement plan, PlannedStatement.Enumerable enumerable,
      List<Object> params, Execution execution, Duration timeout, Completion completion) {
    ExecutionDataContext context = new ExecutionDataContext(root().schema().plus(),
        enumerable.internalParameters(), TrackingDataSource.create(manager.storage, execution),
        execution, timeout.toMillis(), params, plan.boundTypes());
    Enumerable<Object> rows = enumerable.bindable().bind(context);
    return new EnumerableRowCursor(plan.columns(), enumerable.projection(), rows.enumerator(),
        execution, completion);
  }

  /**
   * Starts work outside the planner as an execution of this session (see {@link TrackedWork}):
   * the caller registers its statements and calls {@link TrackedWork#finish} exactly once.
   *
   * @param sql the statement as the client sent it, for audit and the running list
   * @param objects the objects it reads, for audit (e.g. {@code pg_catalog})
   */
  public TrackedWork startTracked(String sql, List<String> objects) {
    checkOpen();
    Execution execution = manager.begin(this, sql);
    running.add(execution);
    Instant start = execution.startedAt();
    ScheduledFuture<?> timer = manager.timers.schedule(
        () -> execution.stop(Execution.StopReason.TIMEOUT), statementTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    AtomicBoolean completed = new AtomicBoolean();
    return new ExecutionWork(execution, (rows, error) -> {
      if (completed.compareAndSet(false, true)) {
        timer.cancel(false);
        running.remove(execution);
        manager.end(execution);
        audit(sql, start, objects, rows, error);
      }
    });
  }

  /** Opens the rows of a planned query inside an execution (CREATE TABLE AS reads them). */
  RowCursor openQuery(PlannedStatement plan, List<Object> params, Execution execution,
      Duration timeout) {
    PlannedStatement.Execution how = plan.execution();
    Completion none = (rows, error) -> {};
    if (plan.asDuckDbStatement() != null) {
      return runPushedDown(plan, plan.asDuckDbStatement(), params, execution, none);
    }
    return runEnumerable(plan, (PlannedStatement.Enumerable) how, params, execution, timeout, none);
  }

  /** A parameter value as DuckDB's JDBC driver takes it. */
  static Object toDuckDb(Object v) {
    // LocalTime goes as it is: as java.sql.Time it would lose its fraction of a second.
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    return v;
  }

  /**
   * Runs a query and writes its rows to a file with DuckDB's {@code COPY}, as one DuckDB statement:
   * the query is planned, access-checked, audited, timed out and cancellable like any other, and
   * must push down to DuckDB whole (a query over one source always does). Returns the rows written.
   */
  public long copyTo(String sql, List<Object> parameters, CopyTarget target) {
    PlannedStatement plan = prepare(sql);
    PlannedStatement.PushedDown pushed = plan.asDuckDbStatement();
    if (pushed == null) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "only a query that runs in DuckDB whole can be "
          + "written to a file");
    }
    checkOpen();
    List<Object> given = parameters == null ? List.of() : parameters;
    if (plan.kind() == PlannedStatement.Kind.QUERY) {
      java.util.Optional<LexedStatement> retyped =
          ValueTypedParameters.retype(plan.sql(), plan.parameterTypes(), given);
      if (retyped.isPresent()) {
        plan = prepare(retyped.get());
      }
    }
    List<Object> params = plan.boundValues(ParameterValues.coerce(given, plan.parameterTypes()));
    Execution execution = manager.begin(this, plan.sql());
    running.add(execution);
    Instant start = execution.startedAt();
    ScheduledFuture<?> timer = manager.timers.schedule(
        () -> execution.stop(Execution.StopReason.TIMEOUT), statementTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    List<String> tableNames = plan.tables().values().stream()
        .map(FloeSchemas.VisibleTable::qualifiedName).toList();
    execution.reads(tableNames);
    long rows = 0;
    FloeException failure = null;
    try (DuckDBConnection connection = manager.storage.connect()) {
      for (FloeSchemas.VisibleTable t : plan.tables().values()) {
        manager.storage.ensureAttached(t.table());
      }
      RemoteLoads.load(manager.snowflake, connection, pushed.remoteInputs(), params, execution);
      try (PreparedStatement statement = connection.prepareStatement("COPY (" + pushed.duckDbSql()
          + ") TO " + io.floe.engine.storage.DuckDbSql.literal(target.file().toString())
          + " (" + duckDbOptions(target) + ")")) {
        List<Integer> order = pushed.parameterOrder();
        for (int i = 0; i < order.size(); i++) {
          statement.setObject(i + 1, toDuckDb(params.get(order.get(i))));
        }
        execution.register(statement);
        try {
          rows = statement.executeUpdate();
        } finally {
          execution.unregister(statement);
        }
      }
      return rows;
    } catch (SQLException e) {
      failure = execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
      throw failure;
    } catch (FloeException e) {
      failure = e;
      throw e;
    } finally {
      timer.cancel(false);
      running.remove(execution);
      manager.end(execution);
      audit(plan.sql(), start, tableNames, rows, failure, execution.sourceQueries(),
          execution.sourceRows());
    }
  }

  /**
   * Runs statements the engine writes itself (never a client's text) over table files whose
   * tables the caller has checked this session's principal may read (a table profile): as one
   * execution of this session, stopped by its statement timeout, a cancel, a closing session or a
   * lost share like any statement, and audited as {@code description} reading {@code tableNames}
   * ({@code project.bucket.table} as the principal names them).
   */
  public <T> T runInDuckDb(String description, List<String> tableNames,
      List<io.floe.engine.api.catalog.TableDef> tables, DuckDbQueries.Work<T> work) {
    checkOpen();
    Execution execution = manager.begin(this, description);
    running.add(execution);
    Instant start = execution.startedAt();
    ScheduledFuture<?> timer = manager.timers.schedule(
        () -> execution.stop(Execution.StopReason.TIMEOUT), statementTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    execution.reads(tableNames);
    FloeException failure = null;
    try (DuckDBConnection connection = manager.storage.connect()) {
      tables.forEach(manager.storage::ensureAttached);
      return work.run(new DuckDbQueries(connection, execution));
    } catch (SQLException e) {
      failure = execution.isStopped() ? execution.stoppedError(e) : DuckDbErrors.translate(e);
      throw failure;
    } catch (FloeException e) {
      failure = e;
      throw e;
    } finally {
      timer.cancel(false);
      running.remove(execution);
      manager.end(execution);
      audit(description, start, tableNames, 0, failure);
    }
  }

  /** DuckDB's COPY options for this target; built from enums only, never from client text. */
  private static String duckDbOptions(CopyTarget target) {
    return switch (target.format()) {
      case CSV -> "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', COMPRESSION "
          + (target.gzip() ? "gzip" : "none");
      case PARQUET -> "FORMAT parquet, COMPRESSION " + (target.gzip() ? "gzip" : "snappy");
    };
  }

  /**
   * Stops the statements that read a table this session's principal can no longer see in
   * {@code snapshot} (a bucket unshared or unlinked while they ran).
   */
  public void stopReadsOutside(CatalogSnapshot snapshot) {
    if (running.isEmpty()) {
      return;
    }
    java.util.Set<String> visible;
    try {
      visible = manager.schemas.rootFor(principalAt(snapshot), snapshot, flavor).tables().keySet();
    } catch (FloeException gone) {
      visible = java.util.Set.of();
    }
    for (Execution e : running) {
      if (!visible.containsAll(e.tables())) {
        e.stop(Execution.StopReason.ACCESS_REVOKED);
      }
    }
  }

  /** Stops every statement this session is planning or running. */
  public void cancelRunning() {
    cancelPlanning(false);
    for (Execution e : running) {
      e.stop(Execution.StopReason.CANCELLED);
    }
  }

  /** Stops one execution of this session; false if it is not running. */
  public boolean cancel(long executionId) {
    for (Execution e : running) {
      if (e.id() == executionId) {
        e.stop(Execution.StopReason.CANCELLED);
        return true;
      }
    }
    return false;
  }

  public List<Execution> runningExecutions() {
    return new ArrayList<>(running);
  }

  private void audit(String sql, Instant start, List<String> tables, long rows, FloeException error) {
    audit(sql, start, tables, rows, error, List.of(), 0);
  }

  private void audit(String sql, Instant start, List<String> tables, long rows, FloeException error,
      List<String> sourceQueries, long sourceRows) {
    String outcome = error == null ? "ok"
        : error.code() == ErrorCode.QUERY_CANCELLED ? "cancelled"
        : error.code() == ErrorCode.STATEMENT_TIMEOUT ? "timeout" : "error";
    manager.audit.record(new AuditEvent(start, principal.name(), frontEnd, id, sql, tables, rows,
        Duration.between(start, Instant.now(manager.clock)).toMillis(), outcome,
        error == null ? null : error.code().code(), error == null ? null : error.sqlState(),
        sourceQueries, sourceRows, principal.projectId()));
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new FloeException(ErrorCode.SESSION_CLOSED, "the session is closed");
    }
  }

  /** Closes the session: stops its running statements, rolls back an open transaction block. */
  @Override public void close() {
    if (closed.compareAndSet(false, true)) {
      for (Execution e : running) {
        e.stop(Execution.StopReason.SESSION_CLOSED);
      }
      rollback();
      connections.close();
      manager.closed(this);
    }
  }

  @Override public String toString() {
    return id + "(" + principal + ")";
  }

}
