package io.floe.avatica;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.Session;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's server-side {@link Meta} over Floe sessions. One Avatica connection is one engine
 * {@link Session}, bound to the principal that opened it; statements live inside their connection,
 * so one client can never reach another's statements. Each statement runs under an engine
 * statement handle ({@link io.floe.engine.api.sql.Statements#run}): its result streams from the
 * handle's live cursor frame by frame, and the handle's status, cancel, timeout and idle expiry
 * are the engine's; each statement and its open result is a {@link StatementState}.
 */
final class FloeMeta implements ProtobufMeta {
  private final Floe engine;
  private final AvaticaConfig config;
  private final AvaticaConnections connections;
  /** Reads binary frames ahead of the client's requests; a thread per result being streamed. */
  private final ExecutorService readAheadPool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "floe-avatica-read-ahead");
    t.setDaemon(true);
    return t;
  });

  FloeMeta(Floe engine, AvaticaConfig config) {
    this.engine = requireNonNull(engine, "engine");
    this.config = requireNonNull(config, "config");
    this.connections = new AvaticaConnections(engine, config);
  }

  /** The connections this Meta serves: ownership, idle expiry and cancel for the HTTP handler. */
  AvaticaConnections connections() {
    return connections;
  }

  void closeAll() {
    connections.closeAll();
    readAheadPool.shutdownNow();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw AvaticaErrors.toAvatica(e);
    }
  }

  private ConnectionState connection(String id) {
    return connections.get(id);
  }

  private StatementState statement(StatementHandle h) throws NoSuchStatementException {
    ConnectionState c = connection(h.connectionId);
    StatementState s = c.statements.get(h.id);
    if (s == null) {
      throw new NoSuchStatementException(h);
    }
    return s;
  }

  private static List<String> defaultSchema(ConnectionState c) {
    String catalog = c.catalog != null ? c.catalog : c.session.principal().projectId();
    if (catalog == null) {
      return List.of();
    }
    return c.schema == null ? List.of(catalog) : List.of(catalog, c.schema);
  }

  private Meta.Signature signature(ConnectionState c, String sql, List<ResultColumn> columns,
      List<io.floe.engine.api.catalog.ColumnType> parameterTypes) {
    List<ColumnMetaData> metadata = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      metadata.add(AvaticaTypes.column(i, columns.get(i), c.micros));
    }
    List<AvaticaParameter> parameters = parameterTypes.stream().map(AvaticaTypes::parameter).toList();
    return Meta.Signature.create(metadata, sql, parameters, CursorFactory.LIST, StatementType.SELECT);
  }

  /** An encoded binary frame: where it starts, its rows, and whether it ends the result. */
  record BinaryFrame(long generation, long offset, int rows, boolean done,
      java.nio.ByteBuffer bytes) {}

  /**
   * Ends a statement's current result at row {@code end} (JDBC's max rows, set after prepare):
   * later frames stop there and the cursor closes.
   */
  void endRowsAt(String connectionId, int statementId, long end) throws NoSuchStatementException {
    StatementState s = statement(new StatementHandle(connectionId, statementId, null));
    synchronized (s) {
      if (s.maxRows <= 0 || end < s.maxRows) {
        s.maxRows = end;
      }
    }
  }

  /** The execution a statement is on; see {@link #fetchBinary}. */
  long generation(String connectionId, int statementId) throws NoSuchStatementException {
    return statement(new StatementHandle(connectionId, statementId, null)).generation;
  }

  /**
   * The next frame of a result in Floe's binary format ({@link BinaryFrames}), for the Floe
   * driver. Reads the same cursor with the same offsets as Avatica's {@link #fetch}. After
   * answering, the following frame is read and encoded in the background, so that the next
   * request finds it ready while this one is on the wire and being decoded by the client.
   *
   * @param generation the execution the caller reads, from {@link #generation}; -1 for the
   *     current one
   */
  BinaryFrame fetchBinary(String connectionId, int statementId, long offset, int maxRows,
      long generation) throws NoSuchStatementException {
    StatementState s = statement(new StatementHandle(connectionId, statementId, null));
    ConnectionState c = connection(connectionId);
    long expected = generation < 0 ? s.generation : generation;
    CompletableFuture<BinaryFrame> ahead;
    synchronized (s) {
      if (s.generation != expected) {
        // A fetch for an execution that has ended must not take the current one's read-ahead.
        throw new StatementState.StaleFrame();
      }
      ahead = s.readAhead;
      s.readAhead = null;
    }
    BinaryFrame frame = null;
    if (ahead != null) {
      try {
        frame = StatementState.await(ahead);
      } catch (StatementState.StaleFrame stale) {
        // Read for an execution that has since ended.
      }
      if (frame != null && (frame.generation() != expected || frame.offset() != offset)) {
        frame = null;
      }
    }
    if (frame == null) {
      frame = s.readBinary(offset, maxRows, expected, config);
    }
    if (!frame.done()) {
      long next = frame.offset() + frame.rows();
      synchronized (s) {
        if (s.generation == expected && s.readAhead == null) {
          s.readAhead = CompletableFuture.supplyAsync(
              () -> s.readBinary(next, maxRows, expected, config), readAheadPool);
        }
      }
    }
    return frame;
  }

  private ExecuteResult run(ConnectionState c, StatementState s, Prepared plan,
      List<Object> parameters, long maxRowCount, int firstFrameRows) {
    s.abandon();
    synchronized (s) {
      s.generation++;
    }
    s.rowsSent = 0;
    s.maxRows = maxRowCount;
    c.session.setDefaultSchema(defaultSchema(c));
    QueryResult result = engine.statements().run(c.session, plan, parameters, e -> s.execution = e);
    if (!result.hasRows()) {
      s.execution = null;
      return new ExecuteResult(List.of(MetaResultSet.count(c.id, s.id, result.updateCount())));
    }
    // The result's own columns: a parameter typed from its value can change them from the plan's.
    Meta.Signature signature = signature(c, plan.sql(), result.columns(), plan.parameterTypes());
    s.cursor = result.cursor();
    s.cursorColumns = result.columns();
    Frame first = s.nextFrame(
        s.frameSize(firstFrameRows > 0 ? firstFrameRows : c.fetchSize, config), c.micros);
    return new ExecuteResult(List.of(MetaResultSet.create(c.id, s.id, false, signature, first)));
  }

  // ---- connections -------------------------------------------------------------------------------

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    call(() -> connections.open(ch.id, info));
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    connections.close(ch.id);
  }

  @Override public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
    return call(() -> {
      ConnectionState c = connection(ch.id);
      if (props.getCatalog() != null) {
        c.catalog = props.getCatalog();
      }
      if (props.getSchema() != null) {
        c.schema = props.getSchema();
      }
      if (props.isReadOnly() != null) {
        c.readOnly = props.isReadOnly();
      }
      String catalog = c.catalog != null ? c.catalog : c.session.principal().projectId();
      return new ConnectionPropertiesImpl(true, c.readOnly, Connection.TRANSACTION_NONE, catalog,
          c.schema);
    });
  }

  @Override public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    Map<DatabaseProperty, Object> map = new EnumMap<>(DatabaseProperty.class);
    map.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Floe");
    map.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, Version.VERSION);
    map.put(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, Version.MAJOR);
    map.put(DatabaseProperty.GET_DATABASE_MINOR_VERSION, Version.MINOR);
    map.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, Connection.TRANSACTION_NONE);
    ConnectionState c = connections.find(ch.id);
    map.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, c == null ? "" : MetadataResults.sqlKeywords(c.session));
    // JDBC escape functions: Floe's driver translates {fn ...} escapes and lists them itself; the
    // server does not, so to a plain Avatica client there are none.
    map.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, "");
    map.put(DatabaseProperty.GET_STRING_FUNCTIONS, "");
    map.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, "");
    map.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, "");
    return map;
  }

  // ---- metadata ----------------------------------------------------------------------------------

  private MetaResultSet metadata(ConnectionHandle ch,
      java.util.function.Function<CatalogListing, MetadataResults.Result> build) {
    return call(() -> {
      ConnectionState c = connection(ch.id);
      MetadataResults.Result r = build.apply(c.session.listing());
      int id = c.statementIds.incrementAndGet();
      return MetaResultSet.create(c.id, id, true, r.signature(), r.frame());
    });
  }

  private static String pattern(Pat p) {
    return p == null ? null : p.s;
  }

  /**
   * A metadata result Avatica's protocol has no request for ({@link MetadataResults#byMethod}), as
   * Avatica's response, for Floe's driver: it is served beside the protocol, as cancel is.
   */
  org.apache.calcite.avatica.remote.Service.ResultSetResponse metadata(String connectionId,
      String method, List<String> args) {
    ConnectionState c = connection(connectionId);
    MetadataResults.Result r = MetadataResults.byMethod(c.session, method, args);
    int id = c.statementIds.incrementAndGet();
    return new org.apache.calcite.avatica.remote.Service.ResultSetResponse(c.id, id, true,
        r.signature(), r.frame(), -1, null);
  }

  @Override public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return metadata(ch, MetadataResults::catalogs);
  }

  @Override public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return metadata(ch, listing -> MetadataResults.schemas(listing, catalog, pattern(schemaPattern)));
  }

  @Override public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, List<String> typeList) {
    return metadata(ch, listing -> MetadataResults.tables(listing, catalog, pattern(schemaPattern),
        pattern(tableNamePattern), typeList));
  }

  @Override public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return metadata(ch, listing -> MetadataResults.columns(listing, catalog, pattern(schemaPattern),
        pattern(tableNamePattern), pattern(columnNamePattern)));
  }

  @Override public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return metadata(ch, listing -> MetadataResults.tableTypes());
  }

  @Override public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema,
      String table) {
    return metadata(ch, listing -> MetadataResults.primaryKeys(listing, catalog, schema, table));
  }

  @Override public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return metadata(ch, listing -> MetadataResults.typeInfo());
  }

  private MetaResultSet empty(ConnectionHandle ch, MetadataColumns.Col[] columns) {
    return metadata(ch, listing -> MetadataResults.empty(columns));
  }

  @Override public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat procedureNamePattern) {
    return empty(ch, MetadataColumns.PROCEDURES);
  }

  @Override public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat procedureNamePattern, Pat columnNamePattern) {
    return empty(ch, MetadataColumns.PROCEDURE_COLUMNS);
  }

  @Override public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog,
      String schema, String table, Pat columnNamePattern) {
    return empty(ch, MetadataColumns.COLUMN_PRIVILEGES);
  }

  @Override public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat tableNamePattern) {
    return empty(ch, MetadataColumns.TABLE_PRIVILEGES);
  }

  @Override public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog,
      String schema, String table, int scope, boolean nullable) {
    return empty(ch, MetadataColumns.ROW_IDENTIFIER);
  }

  @Override public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog,
      String schema, String table) {
    return empty(ch, MetadataColumns.ROW_IDENTIFIER);
  }

  @Override public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema,
      String table) {
    return empty(ch, MetadataColumns.KEYS);
  }

  @Override public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema,
      String table) {
    return empty(ch, MetadataColumns.KEYS);
  }

  @Override public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog,
      String parentSchema, String parentTable, String foreignCatalog, String foreignSchema,
      String foreignTable) {
    return empty(ch, MetadataColumns.KEYS);
  }

  @Override public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema,
      String table, boolean unique, boolean approximate) {
    return empty(ch, MetadataColumns.INDEX_INFO);
  }

  @Override public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat typeNamePattern, int[] types) {
    return empty(ch, MetadataColumns.UDTS);
  }

  @Override public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat typeNamePattern) {
    return empty(ch, MetadataColumns.SUPER_TYPES);
  }

  @Override public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat tableNamePattern) {
    return empty(ch, MetadataColumns.SUPER_TABLES);
  }

  @Override public MetaResultSet getAttributes(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat typeNamePattern, Pat attributeNamePattern) {
    return empty(ch, MetadataColumns.ATTRIBUTES);
  }

  @Override public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
    return empty(ch, MetadataColumns.CLIENT_INFO_PROPERTIES);
  }

  @Override public MetaResultSet getFunctions(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat functionNamePattern) {
    return call(() -> {
      ConnectionState c = connection(ch.id);
      MetadataResults.Result r = MetadataResults.functions(c.session.functions(), catalog,
          pattern(schemaPattern), pattern(functionNamePattern));
      return MetaResultSet.create(c.id, c.statementIds.incrementAndGet(), true, r.signature(), r.frame());
    });
  }

  @Override public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat functionNamePattern, Pat columnNamePattern) {
    return empty(ch, MetadataColumns.FUNCTION_COLUMNS);
  }

  @Override public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog,
      Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
    return empty(ch, MetadataColumns.PSEUDO_COLUMNS);
  }

  // ---- statements --------------------------------------------------------------------------------

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    return call(() -> {
      ConnectionState c = connection(ch.id);
      int id = c.statementIds.incrementAndGet();
      c.statements.put(id, new StatementState(id));
      return new StatementHandle(c.id, id, null);
    });
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return call(() -> {
      ConnectionState c = connection(ch.id);
      c.session.setDefaultSchema(defaultSchema(c));
      // Parameters have no types before values are bound: one the statement leaves untyped
      // (SELECT ?, coalesce(?, ?)) is text, as PostgreSQL's unknown.
      Prepared plan = c.session.prepare(LexedStatement.of(sql), List.of());
      int id = c.statementIds.incrementAndGet();
      StatementState s = new StatementState(id);
      s.sql = plan.sql();
      s.preparedColumns = plan.columns();
      s.maxRows = maxRowCount;
      s.preparedMaxRows = maxRowCount;
      c.statements.put(id, s);
      return new StatementHandle(c.id, id, signature(c, sql, plan.columns(), plan.parameterTypes()));
    });
  }

  @SuppressWarnings("deprecation")
  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      PrepareCallback callback) throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    StatementState s = statement(h);
    return call(() -> {
      ConnectionState c = connection(h.connectionId);
      c.session.setDefaultSchema(defaultSchema(c));
      Prepared plan = c.session.prepare(sql);
      s.sql = sql;
      return run(c, s, plan, List.of(), maxRowCount, maxRowsInFirstFrame);
    });
  }

  @SuppressWarnings("deprecation")
  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      long maxRowCount) throws NoSuchStatementException {
    return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    StatementState s = statement(h);
    return call(() -> {
      ConnectionState c = connection(h.connectionId);
      if (s.sql == null) {
        throw FloeException.invalid("the statement was not prepared");
      }
      c.session.setDefaultSchema(defaultSchema(c));
      Prepared plan = c.session.prepare(s.sql);
      if (s.preparedColumns != null && !s.preparedColumns.equals(plan.columns())) {
        throw new FloeException(ErrorCode.INVALID_STATE,
            "the tables of this prepared statement changed; prepare it again");
      }
      List<Object> params = new ArrayList<>();
      for (TypedValue v : parameterValues == null ? List.<TypedValue>of() : parameterValues) {
        params.add(AvaticaTypes.decode(v));
      }
      return run(c, s, plan, params, s.preparedMaxRows, maxRowsInFirstFrame);
    });
  }

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    StatementState s = statement(h);
    return call(() -> {
      ConnectionState c = connection(h.connectionId);
      synchronized (s) {
        if (s.cursor == null) {
          return new Frame(s.rowsSent, true, List.of());
        }
        if (offset != s.rowsSent) {
          throw FloeException.invalid("results can only be read forward: asked for offset " + offset
              + ", next is " + s.rowsSent);
        }
        return s.nextFrame(s.frameSize(fetchMaxRowCount, config), c.micros);
      }
    });
  }

  @Override public void closeStatement(StatementHandle h) {
    ConnectionState c = connections.find(h.connectionId);
    if (c == null) {
      return;
    }
    StatementState s = c.statements.remove(h.id);
    if (s != null) {
      s.abandon();
    }
  }

  @Override public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
    return false;
  }

  @Override public void commit(ConnectionHandle ch) {
    call(() -> connection(ch.id));
  }

  @Override public void rollback(ConnectionHandle ch) {
    call(() -> connection(ch.id));
  }

  /**
   * Runs a batch of SQL texts. Every statement is planned before any runs, so a batch with a
   * statement that returns rows, or a write JDBC may not make (project tables are read-only
   * here, 42501), fails whole and changes nothing. Then they run in order; the first failure
   * ends the batch.
   */
  @Override public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h,
      List<String> sqlCommands) throws NoSuchStatementException {
    StatementState s = statement(h);
    return call(() -> {
      ConnectionState c = connection(h.connectionId);
      c.session.setDefaultSchema(defaultSchema(c));
      List<Prepared> plans = new ArrayList<>();
      for (String sql : sqlCommands) {
        plans.add(batchPlan(c.session.prepare(sql)));
      }
      long[] counts = new long[plans.size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = runInBatch(c, s, plans.get(i), List.of(), i, counts.length);
      }
      return new ExecuteBatchResult(counts);
    });
  }

  /** Runs a prepared statement once per parameter list, as {@link #prepareAndExecuteBatch}. */
  @Override public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> parameterValues) throws NoSuchStatementException {
    StatementState s = statement(h);
    return call(() -> {
      ConnectionState c = connection(h.connectionId);
      if (s.sql == null) {
        throw FloeException.invalid("the statement was not prepared");
      }
      c.session.setDefaultSchema(defaultSchema(c));
      Prepared plan = batchPlan(c.session.prepare(s.sql));
      long[] counts = new long[parameterValues.size()];
      for (int i = 0; i < counts.length; i++) {
        List<Object> params = new ArrayList<>();
        for (TypedValue v : parameterValues.get(i)) {
          params.add(AvaticaTypes.decode(v));
        }
        counts[i] = runInBatch(c, s, plan, params, i, counts.length);
      }
      return new ExecuteBatchResult(counts);
    });
  }

  @Override public ExecuteBatchResult executeBatchProtobuf(StatementHandle h,
      List<Requests.UpdateBatch> parameterValues) throws NoSuchStatementException {
    List<List<TypedValue>> values = new ArrayList<>();
    for (Requests.UpdateBatch batch : parameterValues) {
      values.add(batch.getParameterValuesList().stream().map(TypedValue::fromProto).toList());
    }
    return executeBatch(h, values);
  }

  /** A statement a batch may hold: JDBC batches change data, they return no rows. */
  private static Prepared batchPlan(Prepared plan) {
    if (plan.returnsRows()) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "a batch cannot contain a statement that "
          + "returns rows (run it with executeQuery): " + plan.sql());
    }
    return plan;
  }

  private long runInBatch(ConnectionState c, StatementState s, Prepared plan,
      List<Object> parameters, int index, int size) {
    s.abandon();
    try {
      QueryResult result = engine.statements().run(c.session, plan, parameters, e -> s.execution = e);
      if (result.hasRows()) {
        result.cursor().close();
      }
      return result.updateCount();
    } catch (FloeException e) {
      if (index == 0) {
        throw e;
      }
      throw new FloeException(e.code(), "statement " + (index + 1) + " of the batch failed after "
          + index + " ran: " + e.getMessage(), e);
    } finally {
      s.execution = null;
    }
  }

  @Override public Iterable<Object> createIterable(StatementHandle stmt, QueryState state,
      Signature signature, List<TypedValue> parameters, Frame firstFrame) {
    throw new UnsupportedOperationException("server side");
  }
}
