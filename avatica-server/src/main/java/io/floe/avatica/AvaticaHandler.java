package io.floe.avatica;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.Engine;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import io.floe.engine.security.HttpCredentials;
import io.floe.engine.security.Origin;
import io.floe.engine.security.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.LocalService;
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
 * <p>Every request is authenticated (bearer token, or basic with the token as password); a request
 * without credentials gets a 401 challenge, one with a bad token an Avatica error with SQLSTATE 28000. A
 * connection belongs to the principal that opened it: requests for another principal's connection
 * get "connection not found", as if it did not exist.
 *
 * <p>Errors travel as Avatica error responses with HTTP 500, which is what Avatica's client reads
 * (it retries 503 forever and does not read bodies of other statuses).
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
  private final Engine engine;
  private final FloeMeta meta;
  private final JsonHandler jsonHandler;
  private final ProtobufHandler protobufHandler;
  private final ProtobufTranslation protobuf = new ProtobufTranslationImpl();
  private final Map<Class<?>, Field> connectionIdFields = new ConcurrentHashMap<>();

  AvaticaHandler(Engine engine, FloeMeta meta, LocalService service) {
    this.engine = requireNonNull(engine, "engine");
    this.meta = requireNonNull(meta, "meta");
    this.jsonHandler = new JsonHandler(service, NoopMetricsSystem.getInstance());
    this.protobufHandler = new ProtobufHandler(service, protobuf, NoopMetricsSystem.getInstance());
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
    byte[] body = readBody(request);
    if (body == null) {
      Response.writeError(request, response, callback, 413, "request too large");
      return true;
    }
    HttpCredentials credentials = HttpCredentials.of(
        request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHeaders().get("X-StorageApi-Token"));
    if (credentials instanceof HttpCredentials.None) {
      // A challenge, as HTTP clients expect: Avatica's own client sends its credentials only then.
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"floe\", Basic realm=\"floe\"");
      Response.writeError(request, response, callback, 401, "authentication required");
      return true;
    }
    boolean json = body.length > 0 && body[0] == '{';
    Principal principal;
    try {
      principal = engine.authenticator()
          .authenticate(credentials, new Origin("jdbc", Request.getRemoteAddr(request))).orElseThrow();
    } catch (FloeException refused) {
      if (!path.equals(PATH)) {
        writeJsonError(response, callback, refused);
        return true;
      }
      Service.ErrorResponse error = errorResponse(AvaticaErrors.toAvatica(refused));
      response.setStatus(500);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE,
          json ? "application/json; charset=utf-8" : "application/octet-stream");
      response.write(true, ByteBuffer.wrap(json ? JsonService.MAPPER.writeValueAsBytes(error)
          : protobuf.serializeResponse(error)), callback);
      return true;
    }
    request.setAttribute(HttpCredentials.PRINCIPAL_ATTRIBUTE, principal.name());
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
    byte[] out;
    try {
      Service.Request avaticaRequest = json
          ? JsonService.MAPPER.readValue(body, Service.Request.class)
          : protobuf.parseRequest(body);
      Optional<Service.ErrorResponse> refused = admit(principal, avaticaRequest);
      if (refused.isPresent()) {
        out = json ? JsonService.MAPPER.writeValueAsBytes(refused.get())
            : protobuf.serializeResponse(refused.get());
        response.setStatus(500);
      } else if (json) {
        org.apache.calcite.avatica.remote.Handler.HandlerResponse<String> r =
            jsonHandler.apply(new String(body, StandardCharsets.UTF_8));
        out = r.getResponse().getBytes(StandardCharsets.UTF_8);
        response.setStatus(r.getStatusCode());
      } else {
        org.apache.calcite.avatica.remote.Handler.HandlerResponse<byte[]> r = protobufHandler.apply(body);
        out = r.getResponse();
        response.setStatus(r.getStatusCode());
      }
    } catch (IOException | RuntimeException e) {
      Service.ErrorResponse error = errorResponse(e instanceof RuntimeException re
          ? AvaticaErrors.toAvatica(re instanceof FloeException ? re
          : new FloeException(ErrorCode.INVALID_ARGUMENT, "malformed Avatica request: " + e.getMessage(), e))
          : AvaticaErrors.of(ErrorCode.INVALID_ARGUMENT, "malformed Avatica request: " + e.getMessage()));
      out = json ? JsonService.MAPPER.writeValueAsBytes(error) : protobuf.serializeResponse(error);
      response.setStatus(500);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
        json ? "application/json; charset=utf-8" : "application/octet-stream");
    response.write(true, ByteBuffer.wrap(out), callback);
    return true;
  }

  /** Checks who may send this request; an error response if nobody. */
  private Optional<Service.ErrorResponse> admit(Principal principal, Service.Request request) {
    String connectionId = connectionId(request);
    if (request instanceof Service.OpenConnectionRequest) {
      meta.expectOwner(connectionId, principal);
    } else if (connectionId != null) {
      Optional<String> owner = meta.owner(connectionId);
      if (owner.isPresent() && !owner.get().equals(principal.name())) {
        return Optional.of(errorResponse(AvaticaErrors.of(ErrorCode.SESSION_CLOSED,
            "connection " + connectionId + " not found: closed or expired")));
      }
      meta.touch(connectionId);
    }
    return Optional.empty();
  }

  private void handleCancel(Principal principal, byte[] body, Response response,
      Callback callback) throws IOException {
    int status;
    String answer;
    try {
      JsonNode node = JsonService.MAPPER.readTree(body);
      String connectionId = node.path("connection_id").asText(null);
      int statementId = node.path("statement_id").asInt(-1);
      boolean timeout = "timeout".equals(node.path("reason").asText("cancel"));
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.owner(connectionId);
      boolean cancelled = owner.isPresent() && owner.get().equals(principal.name())
          && meta.cancel(connectionId, statementId, timeout);
      status = 200;
      answer = "{\"cancelled\":" + cancelled + "}";
    } catch (FloeException e) {
      status = e.code().httpStatus();
      answer = "{\"error\":\"" + e.code().code() + "\",\"message\":\"" + e.getMessage() + "\"}";
    } catch (IOException e) {
      status = 400;
      answer = "{\"error\":\"invalid_argument\",\"message\":\"malformed cancel request\"}";
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
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
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.owner(connectionId);
      if (owner.isEmpty() || !owner.get().equals(principal.name())) {
        throw new FloeException(ErrorCode.SESSION_CLOSED, "connection not found: closed or expired");
      }
      meta.touch(connectionId);
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
      writeJsonError(response, callback, e);
      return;
    } catch (NoSuchStatementException e) {
      writeJsonError(response, callback, new FloeException(ErrorCode.SESSION_CLOSED, "statement not found"));
      return;
    } catch (IOException e) {
      writeJsonError(response, callback, FloeException.invalid("fetch request is not JSON"));
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
          writeErrorFrame(out, new FloeException(ErrorCode.SESSION_CLOSED, "statement not found"));
          break;
        } catch (RuntimeException e) {
          writeErrorFrame(out, fetchError(e));
          break;
        }
        ByteBuffer bytes = frame.bytes();
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        binaryFrames.increment();
        meta.touch(connectionId);
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
      Optional<String> owner = connectionId == null ? Optional.empty() : meta.owner(connectionId);
      if (owner.isEmpty() || !owner.get().equals(principal.name())) {
        throw new FloeException(ErrorCode.SESSION_CLOSED, "connection not found: closed or expired");
      }
      meta.touch(connectionId);
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
      writeJsonError(response, callback, e);
    } catch (IOException e) {
      writeJsonError(response, callback, FloeException.invalid("metadata request is not JSON"));
    } catch (RuntimeException e) {
      writeJsonError(response, callback, fetchError(e));
    }
  }

  private static FloeException fetchError(RuntimeException e) {
    if (e instanceof FloeException f) {
      return f;
    }
    return e instanceof AvaticaRuntimeException a
        ? new FloeException(ErrorCode.EXTERNAL_ERROR, a.getErrorMessage())
        : FloeException.internal("fetch failed: " + e.getMessage(), e);
  }

  private static void writeErrorFrame(java.io.OutputStream out, FloeException e)
      throws IOException {
    ByteBuffer frame = BinaryFrames.error(errorJson(e).getBytes(StandardCharsets.UTF_8));
    out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
  }

  private static String errorJson(FloeException e) {
    return "{\"error\":\"" + e.code().code() + "\",\"sqlstate\":\"" + e.sqlState()
        + "\",\"message\":" + quote(e.getMessage()) + "}";
  }

  /** Binary frames served since start. */
  long binaryFramesServed() {
    return binaryFrames.sum();
  }

  private static void writeJsonError(Response response, Callback callback, FloeException e) {
    String answer = errorJson(e);
    response.setStatus(e.code() == ErrorCode.UNAUTHENTICATED ? 401 : 500);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static String quote(String s) {
    try {
      return JsonService.MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      return "\"\"";
    }
  }

  private Service.ErrorResponse errorResponse(AvaticaRuntimeException e) {
    return new Service.ErrorResponse(List.of(e.getErrorMessage()), e.getErrorMessage(),
        e.getErrorCode(), e.getSqlState(), e.getSeverity() == null ? AvaticaSeverity.ERROR
        : e.getSeverity(), null);
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
