package io.floe.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.RemoteProtobufService;
import org.apache.calcite.avatica.remote.RemoteService;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's remote service (JSON or protobuf over {@link FloeHttpClient}) with Floe's errors as
 * Floe sent them: Avatica prefixes every server error with "Remote driver error: ", and an answer it
 * cannot read (not Avatica's encoding) would reach the application as a parser's exception. Here
 * every failure is an {@link AvaticaClientRuntimeException} carrying the server's message, SQLSTATE
 * and vendor code; {@link FloeErrors} turns it into the {@code SQLException} the application sees.
 */
final class FloeService implements Service {
  /** What Avatica's client puts before a server's message. */
  private static final String AVATICA_PREFIX = "Remote driver error: ";

  private final Service remote;
  private final AvaticaConnection connection;

  FloeService(Service remote, AvaticaConnection connection) {
    this.remote = remote;
    this.connection = connection;
  }

  /** Avatica instantiates this by name ({@code factory}), once per connection. */
  public static final class Factory implements Service.Factory {
    @Override public Service create(AvaticaConnection connection) {
      ConnectionConfig config = connection.config();
      AvaticaHttpClient http;
      try {
        http = new FloeHttpClient.Factory().getClient(new URI(config.url()).toURL(), config, null);
      } catch (URISyntaxException | MalformedURLException e) {
        throw new IllegalArgumentException("bad URL " + config.url(), e);
      }
      String serialization = config.serialization().toLowerCase(Locale.ROOT);
      Service remote = serialization.equals("protobuf")
          ? new RemoteProtobufService(http, new ProtobufTranslationImpl())
          : new RemoteService(http);
      return new FloeService(remote, connection);
    }
  }

  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (AvaticaClientRuntimeException e) {
      throw withoutPrefix(e);
    } catch (RuntimeException e) {
      // JSON or protobuf that does not decode: the server (or something in between) sent an
      // answer that is not Avatica's.
      throw new AvaticaClientRuntimeException("cannot read Floe's answer: " + e.getMessage(), -1,
          "08P01", AvaticaSeverity.ERROR, List.of(), null);
    }
  }

  private static AvaticaClientRuntimeException withoutPrefix(AvaticaClientRuntimeException e) {
    String message = e.getMessage();
    if (message == null || !message.startsWith(AVATICA_PREFIX)) {
      return e;
    }
    return new AvaticaClientRuntimeException(message.substring(AVATICA_PREFIX.length()),
        e.getErrorCode(), e.getSqlState(), e.getSeverity(), e.getServerExceptions(),
        e.getRpcMetadata());
  }

  @Override public ResultSetResponse apply(CatalogsRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ResultSetResponse apply(SchemasRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ResultSetResponse apply(TablesRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ResultSetResponse apply(TableTypesRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ResultSetResponse apply(TypeInfoRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ResultSetResponse apply(ColumnsRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public PrepareResponse apply(PrepareRequest request) {
    return call(() -> remote.apply(request));
  }

  /**
   * Executes a prepared statement. Avatica's request has no field for the statement's max rows
   * (only prepare has, before the application can set it); the rows of the first frame are
   * capped at it instead, so the server reads no more than the application will see, and
   * {@link FloeCursor} ends the result there.
   */
  @Override public ExecuteResponse apply(ExecuteRequest request) {
    long maxRows = maxRows(request.statementHandle);
    ExecuteRequest capped = maxRows <= 0
        || (request.maxRowCount > 0 && request.maxRowCount <= maxRows) ? request
        : new ExecuteRequest(request.statementHandle, request.parameterValues, (int) maxRows);
    return call(() -> remote.apply(capped));
  }

  private long maxRows(org.apache.calcite.avatica.Meta.StatementHandle handle) {
    org.apache.calcite.avatica.AvaticaStatement statement =
        handle == null ? null : connection.statementMap.get(handle.id);
    try {
      return statement == null ? 0 : Math.min(statement.getLargeMaxRows(), Integer.MAX_VALUE);
    } catch (java.sql.SQLException e) {
      return 0;
    }
  }

  @Override public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public SyncResultsResponse apply(SyncResultsRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public FetchResponse apply(FetchRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public CreateStatementResponse apply(CreateStatementRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public CloseStatementResponse apply(CloseStatementRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public OpenConnectionResponse apply(OpenConnectionRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public CloseConnectionResponse apply(CloseConnectionRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public CommitResponse apply(CommitRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public RollbackResponse apply(RollbackRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return call(() -> remote.apply(request));
  }

  @Override public void setRpcMetadata(RpcMetadataResponse metadata) {
    remote.setRpcMetadata(metadata);
  }
}
