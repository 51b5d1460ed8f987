package io.floe.avatica;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.http.CallerAuthentication;
import io.floe.http.Json;
import io.floe.http.PublicError;
import io.floe.http.RestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Avatica protocol at {@code POST /avatica} (JSON or protobuf, told apart by the first
 * byte: JSON requests start with {@code '{'}), and beside it, for Floe's driver, the requests the
 * protocol lacks: cancel ({@code POST /avatica/cancel}), binary frames ({@code /avatica/fetch})
 * and the metadata Avatica's client cannot ask for ({@code /avatica/metadata}).
 *
 * <p>Every request is authenticated by the HTTP edge's one rule ({@link CallerAuthentication}:
 * bearer token, basic with the token as password, or {@code X-StorageApi-Token}). A request without
 * credentials or with a bad token gets 401 with a challenge, one with conflicting tokens 400; the
 * body is an Avatica error (SQLSTATE 28000) on {@code /avatica}, the edge's JSON error on the paths
 * beside it. A connection belongs to the principal that opened it: requests for another
 * principal's connection get "connection not found", as if it did not exist.
 *
 * <p>Other errors travel as Avatica error responses with HTTP 500, which is what Avatica's client
 * reads (it retries 503 forever): SQLSTATE, vendor code and message, never a stack trace (Avatica's
 * own request handlers add one to every error, so requests are decoded and answered here).
 */
final class AvaticaHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AvaticaHandler.class);
  static final String PATH = "/avatica";
  static final String CANCEL_PATH = "/avatica/cancel";
  static final String FETCH_PATH = "/avatica/fetch";
  static final String METADATA_PATH = "/avatica/metadata";
  private static final int MAX_REQUEST_BYTES = 64 << 20;

  private final java.util.concurrent.atomic.LongAdder binaryFrames =
      new java.util.concurrent.atomic.LongAdder();
  private final CallerAuthentication authentication;
  private final FloeMeta meta;
  private final JsonHandler jsonHandler;
  private final ProtobufHandler protobufHandler;
  private final ProtobufTranslation protobuf = new ProtobufTranslationImpl();
  private final Map<Class<?>, Field> connectionIdFields = new ConcurrentHashMap<>();
  private volatile Service.RpcMetadataResponse server;

  AvaticaHandler(Floe engine, FloeMeta meta, LocalService service) {
    this.authentication = new CallerAuthentication(engine.authentication(), "jdbc");
    this.meta = requireNonNull(meta, "meta");
    // Avatica's handlers answer a failure with the exception's stack trace; these answer with
    // AvaticaErrors' response instead.
    this.jsonHandler = new JsonHandler(service, NoopMetricsSystem.getInstance()) {
      @Override public HandlerResponse<String> convertToErrorResponse(Exception e) {
        return new HandlerResponse<>(new String(encode(true, AvaticaErrors.response(e, server)),
            StandardCharsets.UTF_8), 500);
      }
    };
    this.protobufHandler = new ProtobufHandler(service, protobuf, NoopMetricsSystem.getInstance()) {
      @Override public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
        return new HandlerResponse<>(encode(false, AvaticaErrors.response(e, server)), 500);
      }
    };
  }

  /** The server named in error responses (Avatica's service names it in every other one). */
  void setServerAddress(Service.RpcMetadataResponse server) {
    this.server = server;
  }

  @Override public boolean handle(Request request, Response response, Callback callback)
      throws Exception {
    String path = Request.getPathInContext(request);
    if (!path.equals(PATH) && !path.equals(CANCEL_PATH) && !path.equals(FETCH_PATH)
        && !path.equals(METADATA_PATH)) {
      return false;
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      Response.writeError(request, response, callback, 405, "use POST");
      return true;
    }
    // A request declared too large is refused before its body is read.
    byte[] body = request.getLength() > MAX_REQUEST_BYTES ? null : readBody(request);
    if (body == null) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      RestHandler.writeError(response, callback, PublicError.of(ErrorCode.PAYLOAD_TOO_LARGE,
          "request larger than " + MAX_REQUEST_BYTES + " bytes", null));
      return true;
    }
    boolean json = body.length > 0 && body[0] == '{';
    Principal principal;
    try {
      // Without credentials, a challenge, as HTTP clients expect: Avatica's own client sends its
      // credentials only then.
      principal = authentication.authenticate(request).orElseThrow(() -> new FloeException(
          ErrorCode.UNAUTHENTICATED, "authentication required: pass the API token (the 'token' "
          + "connection property, sent as Authorization: Bearer <token>)"));
    } catch (FloeException refused) {
      PublicError error = PublicError.of(refused);
      if (!path.equals(PATH)) {
        RestHandler.writeError(response, callback, error);
        return true;
      }
      if (error.status() == 401) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CallerAuthentication.CHALLENGE);
      }
      writeAvatica(response, callback, error.status(), json,
          AvaticaErrors.response(refused, server));
      return true;
    }
    if (path.equals(CANCEL_PATH)) {
      handleCancel(principal, body, response, callback);
      return true;
    }
    if (path.equals(FETCH_PATH)) {
      handleFetch(principal, body, response, callback);
      return true;
    }
    if (path.equals(METADATA_PATH)) {
      handleMetadata(principal, body, response, callback);
      return true;
    }
    Service.Request avaticaRequest;
    try {
      avaticaRequest = json ? JsonService.MAPPER.readValue(body, Service.Request.class)
          : protobuf.parseRequest(body);
    } catch (IOException | RuntimeException e) {
      writeAvatica(response, callback, 500, json, AvaticaErrors.response(new FloeException(
          ErrorCode.INVALID_ARGUMENT, "malformed Avatica request"), server));
      return true;
    }
    Optional<Service.ErrorResponse> refused;
    try {
      refused = admit(principal, avaticaRequest);
    } catch (RuntimeException e) {
      refused = Optional.of(AvaticaErrors.response(e, server));
    }
    if (refused.isPresent()) {
      writeAvatica(response, callback, 500, json, refused.get());
      return true;
    }
    org.apache.calcite.avatica.remote.Handler.HandlerResponse<byte[]> r = json
        ? utf8(jsonHandler.apply(new String(body, StandardCharsets.UTF_8)))
        : protobufHandler.apply(body);
    response.setStatus(r.getStatusCode());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
        json ? Json.CONTENT_TYPE : "application/octet-stream");
    response.write(true, ByteBuffer.wrap(r.getResponse()), callback);
    return true;
  }

  private static org.apache.calcite.avatica.remote.Handler.HandlerResponse<byte[]> utf8(
      org.apache.calcite.avatica.remote.Handler.HandlerResponse<String> r) {
    return new org.apache.calcite.avatica.remote.Handler.HandlerResponse<>(
        r.getResponse().getBytes(StandardCharsets.UTF_8), r.getStatusCode());
  }

  /** Writes an Avatica response in the request's encoding (JSON or protobuf). */
  private void writeAvatica(Response response, Callback callback, int status, boolean json,
      Service.Response answer) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
        json ? Json.CONTENT_TYPE : "application/octet-stream");
    response.write(true, ByteBuffer.wrap(encode(json, answer)), callback);
  }

  private byte[] encode(boolean json, Service.Response answer) {
    try {
      return json ? JsonService.MAPPER.writeValueAsBytes(answer) : protobuf.serializeResponse(answer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Checks who may send this request; an error response if nobody. */
  private Optional<Service.ErrorResponse> admit(Principal principal, Service.Request request) {
    String connectionId = connectionId(request);
    if (request instanceof Service.OpenConnectionRequest) {
      meta.connections().expectOwner(connectionId, principal);
    } else if (connectionId != null) {
      Optional<String> owner = meta.connections().owner(connectionId);
      if (owner.isPresent() && !owner.get().equals(principal.name())) {
        return Optional.of(AvaticaErrors.response(new FloeException(ErrorCode.SESSION_CLOSED,
            "connection " + connectionId + " not found: closed or expired"), server));
      }
      meta.connections().touch(connectionId);
    }
    return Optional.empty();
  }

  private void handleCancel(Principal principal, byte[] body, Response response,
      Callback callback) throws IOException {
    try {
      JsonNode node = JsonService.MAPPER.readTree(body);
      String connectionId = node.path("connection_id").asText(null);
      int statementId = node.path("statement_id").asInt(-1);
      boolean timeout = "timeout".equals(node.path("reason").asText("cancel"));
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.connections().owner(connectionId);
      boolean cancelled = owner.isPresent() && owner.get().equals(principal.name())
          && meta.connections().cancel(connectionId, statementId, timeout);
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
      response.write(true, ByteBuffer.wrap(Json.writeLine(Map.of("cancelled", cancelled))), callback);
    } catch (FloeException e) {
      RestHandler.writeError(response, callback, PublicError.of(e));
    } catch (IOException e) {
      RestHandler.writeError(response, callback, PublicError.of(ErrorCode.INVALID_ARGUMENT,
          "malformed cancel request", null));
    }
  }

  /**
   * Floe's binary fetch: the next frame of a statement's result as {@link BinaryFrames}, for the
   * Floe driver; with {@code "stream": true}, every remaining frame in one response, each after
   * its length, written as fast as the client reads (TCP flow control paces the server), while the
   * frame after is read ahead; with {@code "end": n} the result ends at row n (the statement's max
   * rows, which Avatica's execute request cannot carry). Same cursor, offsets and ownership rules
   * as Avatica's fetch.
   */
  private void handleFetch(Principal principal, byte[] body, Response response,
      Callback callback) {
    String connectionId;
    int statementId;
    long offset;
    int maxRows;
    boolean stream;
    long generation;
    try {
      JsonNode node = JsonService.MAPPER.readTree(body);
      connectionId = node.path("connection_id").asText(null);
      statementId = node.path("statement_id").asInt(-1);
      offset = node.path("offset").asLong(-1);
      maxRows = node.path("max_rows").asInt(0);
      stream = node.path("stream").asBoolean(false);
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.connections().owner(connectionId);
      if (owner.isEmpty() || !owner.get().equals(principal.name())) {
        throw new FloeException(ErrorCode.SESSION_CLOSED, "connection not found: closed or expired");
      }
      meta.connections().touch(connectionId);
      generation = meta.generation(connectionId, statementId);
      long end = node.path("end").asLong(0);
      if (end > 0) {
        meta.endRowsAt(connectionId, statementId, end);
      }
      if (!stream) {
        FloeMeta.BinaryFrame frame = meta.fetchBinary(connectionId, statementId, offset, maxRows,
            generation);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, BinaryFrames.CONTENT_TYPE);
        response.write(true, BinaryFrames.withoutLength(frame.bytes()), callback);
        binaryFrames.increment();
        return;
      }
    } catch (FloeException e) {
      writeJsonError(response, callback, PublicError.of(e));
      return;
    } catch (NoSuchStatementException e) {
      writeJsonError(response, callback, PublicError.of(ErrorCode.SESSION_CLOSED, "statement not found", null));
      return;
    } catch (IOException e) {
      writeJsonError(response, callback, PublicError.of(ErrorCode.INVALID_ARGUMENT, "fetch request is not JSON", null));
      return;
    } catch (RuntimeException e) {
      writeJsonError(response, callback, fetchError(e));
      return;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, BinaryFrames.CONTENT_TYPE);
    try (java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
      long next = offset;
      while (true) {
        FloeMeta.BinaryFrame frame;
        try {
          frame = meta.fetchBinary(connectionId, statementId, next, maxRows, generation);
        } catch (NoSuchStatementException e) {
          writeErrorFrame(out, PublicError.of(ErrorCode.SESSION_CLOSED, "statement not found", null));
          break;
        } catch (RuntimeException e) {
          writeErrorFrame(out, fetchError(e));
          break;
        }
        ByteBuffer bytes = frame.bytes();
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        binaryFrames.increment();
        meta.connections().touch(connectionId);
        if (frame.done()) {
          break;
        }
        next = frame.offset() + frame.rows();
      }
    } catch (IOException e) {
      // The client stopped reading (closed its result set); the statement keeps its cursor until
      // it runs again or closes.
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /**
   * Floe's metadata request, for the {@code DatabaseMetaData} methods Avatica's protocol lacks
   * (primary keys, functions, and the empty ones, with JDBC's column types):
   * {@code {"connection_id", "method", "args": [...]}}, answered with Avatica's JSON result-set
   * response. Same ownership rules as every request on a connection.
   */
  private void handleMetadata(Principal principal, byte[] body, Response response,
      Callback callback) throws IOException {
    try {
      JsonNode node = JsonService.MAPPER.readTree(body);
      String connectionId = node.path("connection_id").asText(null);
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.connections().owner(connectionId);
      if (owner.isEmpty() || !owner.get().equals(principal.name())) {
        throw new FloeException(ErrorCode.SESSION_CLOSED, "connection not found: closed or expired");
      }
      meta.connections().touch(connectionId);
      List<String> args = new java.util.ArrayList<>();
      for (JsonNode arg : node.path("args")) {
        args.add(arg.isNull() ? null : arg.asText());
      }
      byte[] out = JsonService.MAPPER.writeValueAsBytes(
          meta.metadata(connectionId, node.path("method").asText(""), args));
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      response.write(true, ByteBuffer.wrap(out), callback);
    } catch (FloeException e) {
      writeJsonError(response, callback, PublicError.of(e));
    } catch (IOException e) {
      writeJsonError(response, callback,
          PublicError.of(ErrorCode.INVALID_ARGUMENT, "metadata request is not JSON", null));
    } catch (RuntimeException e) {
      writeJsonError(response, callback, fetchError(e));
    }
  }

  /** What the client hears of a failed fetch or metadata request. */
  private static PublicError fetchError(RuntimeException e) {
    return PublicError.of(e instanceof AvaticaRuntimeException a
        ? new FloeException(ErrorCode.EXTERNAL_ERROR, a.getErrorMessage()) : e);
  }

  private static void writeErrorFrame(java.io.OutputStream out, PublicError e) throws IOException {
    ByteBuffer frame = BinaryFrames.error(e.json());
    out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
  }

  /** Binary frames served since start. */
  long binaryFramesServed() {
    return binaryFrames.sum();
  }

  /**
   * A JSON error on the paths beside Avatica's: the edge's body, with HTTP 500 as Avatica's errors
   * have (the driver reads a 404 as a server without these paths), except for a refused caller.
   */
  private static void writeJsonError(Response response, Callback callback, PublicError error) {
    if (error.status() == 401) {
      RestHandler.writeError(response, callback, error);
      return;
    }
    response.setStatus(500);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(error.json()), callback);
  }

  /** The connection a request addresses; every Avatica request names one. */
  private String connectionId(Service.Request request) {
    if (request instanceof Service.ExecuteRequest e) {
      return e.statementHandle == null ? null : e.statementHandle.connectionId;
    }
    Field field = connectionIdFields.computeIfAbsent(request.getClass(), c -> {
      try {
        return c.getField("connectionId");
      } catch (NoSuchFieldException e) {
        return null;
      }
    });
    try {
      return field == null ? null : (String) field.get(request);
    } catch (IllegalAccessException e) {
      LOG.warn("Cannot read connection id of {}", request.getClass().getSimpleName());
      return null;
    }
  }

  private static byte[] readBody(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
      return body.length > MAX_REQUEST_BYTES ? null : body;
    }
  }
}
