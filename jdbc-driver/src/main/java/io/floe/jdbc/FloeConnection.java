package io.floe.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.JsonService;

/**
 * A connection to Floe. Besides Avatica's protocol it knows two endpoints of the server: cancel,
 * because Avatica's protocol has no cancel request, and binary fetch, which reads the frames after a
 * result's first several times faster than Avatica's JSON frames.
 */
public class FloeConnection extends AvaticaConnection {
  private volatile String baseUrl;
  private volatile String token;
  /** The URL the application connected with, without secrets (Avatica's own is the prefix). */
  volatile String displayUrl = FloeUrl.PREFIX;

  private final StatementCache statementCache;

  FloeConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
    statementCache = new StatementCache(statementCacheSize(info));
  }

  private static int statementCacheSize(Properties info) {
    String size = info == null ? null : info.getProperty(Driver.STATEMENT_CACHE_SIZE);
    if (size == null) {
      return Driver.DEFAULT_STATEMENT_CACHE_SIZE;
    }
    try {
      return Math.max(0, Integer.parseInt(size.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(Driver.STATEMENT_CACHE_SIZE + " must be a number: " + size);
    }
  }

  /**
   * Prepares on the server only the first time: a statement the application closed earlier with
   * the same SQL is reused (see {@link StatementCache}).
   */
  @Override public PreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    Meta.StatementHandle idle = null;
    StatementCache.Key key =
        new StatementCache.Key(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    if (statementCache.enabled()) {
      synchronized (statementCache) {
        idle = statementCache.take(key);
      }
    }
    FloePreparedStatement statement;
    if (idle == null) {
      String translated = JdbcEscapes.translate(sql);
      // Avatica's own prepare reports only "while preparing SQL", dropping the server's message.
      Meta.StatementHandle h = FloeErrors.call(() -> meta.prepare(handle, translated, -1));
      statement = (FloePreparedStatement) factory.newPreparedStatement(this, h, h.signature,
          resultSetType, resultSetConcurrency, resultSetHoldability);
    } else {
      statement = (FloePreparedStatement) factory.newPreparedStatement(this, idle, idle.signature,
          resultSetType, resultSetConcurrency, resultSetHoldability);
    }
    statement.cacheKey = statementCache.enabled() ? key : null;
    statement.fromCache = idle != null;
    return statement;
  }

  /**
   * Keeps a closing statement's server side for reuse (plain or prepared, see {@link StatementCache}).
   * Returns false if it cannot be reused or the cache is off; closes
   * on the server what the cache pushed out.
   */
  boolean keepForReuse(StatementCache.Key key, Meta.StatementHandle handle, boolean cancelled,
      java.sql.ResultSet open) {
    // A cancel may still reach the statement, or its last result is still being read there.
    if (key == null || cancelled || (open != null && !((FloeResultSet) open).serverDone())
        || !statementCache.enabled() || closed()) {
      return false;
    }
    List<Meta.StatementHandle> evicted;
    synchronized (statementCache) {
      evicted = statementCache.put(key, handle);
    }
    closeOnServer(evicted);
    return true;
  }

  /** Drops the idle statements of {@code sql}: the server said its tables changed. */
  void forgetStatements(String sql) {
    List<Meta.StatementHandle> evicted;
    synchronized (statementCache) {
      evicted = statementCache.evict(sql);
    }
    closeOnServer(evicted);
  }

  private boolean closed() {
    try {
      return isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  AvaticaFactory factory() {
    return factory;
  }

  void closeOnServer(List<Meta.StatementHandle> handles) {
    for (Meta.StatementHandle h : handles) {
      try {
        // Avatica's own close, so that its bookkeeping for the handle goes too.
        FloePreparedStatement s = (FloePreparedStatement) factory.newPreparedStatement(this, h,
            h.signature, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
            getHoldability());
        s.close();
      } catch (SQLException | RuntimeException e) {
        // The server drops the statement with the connection anyway.
      }
    }
  }

  /**
   * A plain statement costs a round trip to create and one to close on the server; a server
   * statement a closed plain statement left behind is reused instead (see {@link StatementCache}),
   * so that BI tools' "create, execute, close" for every query costs one request.
   */
  @Override public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkOpen();
    StatementCache.Key key =
        new StatementCache.Key(null, resultSetType, resultSetConcurrency, resultSetHoldability);
    Meta.StatementHandle idle = null;
    if (statementCache.enabled()) {
      synchronized (statementCache) {
        idle = statementCache.take(key);
      }
    }
    FloeStatement statement;
    if (idle == null) {
      statement = (FloeStatement) FloeErrors.call(() -> super.createStatement(resultSetType,
          resultSetConcurrency, resultSetHoldability));
    } else {
      statement = (FloeStatement) factory.newStatement(this, idle, resultSetType,
          resultSetConcurrency, resultSetHoldability);
    }
    statement.cacheKey = statementCache.enabled() ? key : null;
    return statement;
  }

  /** The SQL the server receives for {@code sql}: its JDBC escapes translated. */
  @Override public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return JdbcEscapes.translate(sql);
  }

  @Override public java.sql.CallableStatement prepareCall(String sql) throws SQLException {
    return prepareCall(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
        java.sql.ResultSet.CONCUR_READ_ONLY, getHoldability());
  }

  @Override public java.sql.CallableStatement prepareCall(String sql, int resultSetType,
      int resultSetConcurrency) throws SQLException {
    return prepareCall(sql, resultSetType, resultSetConcurrency, getHoldability());
  }

  @Override public java.sql.CallableStatement prepareCall(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkOpen();
    throw new java.sql.SQLFeatureNotSupportedException(
        "Floe has no stored procedures: CallableStatement is not supported", "0A000");
  }

  /** Avatica's prepare-and-execute for {@link FloeStatement}, which cannot reach it otherwise. */
  void prepareAndExecute(AvaticaStatement statement, String sql, long maxRowCount)
      throws SQLException, org.apache.calcite.avatica.NoSuchStatementException {
    prepareAndExecuteInternal(statement, sql, maxRowCount);
  }

  /** Runs a statement's batch of SQL texts on the server; their update counts. */
  long[] executeBatch(AvaticaStatement statement, List<String> sqls) throws SQLException {
    try {
      return meta.prepareAndExecuteBatch(statement.handle, sqls).updateCounts;
    } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
      throw new SQLException("the server no longer knows this statement", "26000", e);
    }
  }

  /**
   * Closes the connection. When the server no longer knows it (token revoked or expired, idle
   * timeout, server restart) there is nothing left to close, so that is not an error.
   */
  @Override public void close() throws SQLException {
    synchronized (statementCache) {
      statementCache.clear();
    }
    try {
      super.close();
    } catch (SQLException e) {
      if (!gone(e)) {
        throw FloeErrors.clean(e);
      }
    } catch (RuntimeException e) {
      SQLException s = FloeErrors.of(e);
      if (!gone(s)) {
        throw s;
      }
    }
  }

  /** Whether an error says the server side is gone: authentication (28) or connection (08). */
  static boolean gone(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("28") || state.startsWith("08"));
  }

  void configureCancel(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  Meta meta() {
    return meta;
  }

  /**
   * Asks the server to stop statement {@code statementId}; it interrupts the DuckDB work, and the
   * statement's pending call fails with SQLSTATE 57014.
   */
  void cancelOnServer(int statementId, boolean timeout) {
    if (baseUrl == null) {
      return;
    }
    String body = "{\"connection_id\":\"" + id + "\",\"statement_id\":" + statementId
        + ",\"reason\":\"" + (timeout ? "timeout" : "cancel") + "\"}";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/avatica/cancel"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      FloeHttpClient.clientFor(config()).send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // The statement ends anyway when its connection closes or it times out on the server.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A {@code DatabaseMetaData} result Avatica's protocol has no request for (primary keys,
   * functions, and the ones Floe has no rows for, with JDBC's column types), from the server's
   * {@code /avatica/metadata}; Avatica's client would make up empty results of its own.
   */
  java.sql.ResultSet metadata(String method, String... args) throws SQLException {
    checkOpen();
    if (baseUrl == null) {
      throw new SQLException("not connected", "08003");
    }
    Map<String, Object> request = new java.util.LinkedHashMap<>();
    request.put("connection_id", id);
    request.put("method", method);
    request.put("args", java.util.Arrays.asList(args));
    HttpResponse<byte[]> response;
    try {
      HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(baseUrl + "/avatica/metadata"))
          .timeout(Duration.ofMillis(config().getHttpResponseTimeout()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JsonService.MAPPER.writeValueAsBytes(request)));
      if (token != null) {
        http.header("Authorization", "Bearer " + token);
      }
      response = FloeHttpClient.clientFor(config()).send(http.build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SQLException("cannot reach Floe at " + baseUrl + ": " + e.getMessage(),
          FloeErrors.CONNECTION_FAILURE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", FloeErrors.CONNECTION_FAILURE, e);
    }
    if (response.statusCode() != 200) {
      throw serverError(response.statusCode(), response.body());
    }
    org.apache.calcite.avatica.remote.Service.Response answer;
    try {
      answer = JsonService.MAPPER.readValue(response.body(),
          org.apache.calcite.avatica.remote.Service.Response.class);
    } catch (IOException | RuntimeException e) {
      throw new SQLException("cannot read Floe's answer: " + e.getMessage(), "08P01", e);
    }
    if (!(answer instanceof org.apache.calcite.avatica.remote.Service.ResultSetResponse r)) {
      throw new SQLException("cannot read Floe's answer: not a result set", "08P01");
    }
    return FloeErrors.call(() -> createResultSet(Meta.MetaResultSet.create(r.connectionId,
        r.statementId, r.ownStatement, r.signature, r.firstFrame),
        new org.apache.calcite.avatica.QueryState()));
  }

  /** Whether this connection can fetch binary frames (false until connected, or after a 404). */
  boolean binaryFetch() {
    return baseUrl != null && binaryFetch;
  }

  private volatile boolean binaryFetch = true;

  /**
   * Opens the stream of a statement's frames from row {@code offset} on: the server writes every
   * remaining frame, each after its length, up to row {@code end} if positive (JDBC's max rows).
   * Completes with null if the server has no binary fetch (the caller then uses Avatica's fetch),
   * or exceptionally with a {@link FetchFailure}.
   */
  CompletableFuture<InputStream> openFrameStream(int statementId, long offset, int maxRows,
      long end) {
    String body = "{\"connection_id\":\"" + id + "\",\"statement_id\":" + statementId
        + ",\"offset\":" + offset + ",\"max_rows\":" + maxRows
        + (end > 0 ? ",\"end\":" + end : "") + ",\"stream\":true}";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/avatica/fetch"))
        .timeout(Duration.ofMillis(config().getHttpResponseTimeout()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return FloeHttpClient.clientFor(config())
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
        .handle((response, error) -> {
          if (error != null) {
            throw new FetchFailure(new SQLException("cannot reach Floe at " + baseUrl + ": "
                + error.getMessage(), "08006", error));
          }
          if (response.statusCode() == 200) {
            return response.body();
          }
          byte[] answer;
          try (InputStream in = response.body()) {
            answer = in.readAllBytes();
          } catch (IOException e) {
            answer = new byte[0];
          }
          if (response.statusCode() == 404) {
            binaryFetch = false;
            return null;
          }
          throw new FetchFailure(serverError(response.statusCode(), answer));
        });
  }

  /** The server's JSON error ({@code {"error", "sqlstate", "message"}}) as a SQL exception. */
  static SQLException serverError(int status, byte[] body) {
    String state = status == 401 ? "28000" : "XX000";
    String message = "fetch failed with HTTP status " + status;
    try {
      Map<?, ?> error = JsonService.MAPPER.readValue(body, Map.class);
      if (error.get("sqlstate") instanceof String s) {
        state = s;
      }
      if (error.get("message") instanceof String m) {
        message = m;
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON (a proxy's error page): keep the status.
    }
    return new SQLException(message, state);
  }

  /** A failed fetch, carrying the SQL exception {@code ResultSet.next} throws. */
  static final class FetchFailure extends RuntimeException {
    FetchFailure(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    SQLException sqlException() {
      return (SQLException) getCause();
    }
  }
}
