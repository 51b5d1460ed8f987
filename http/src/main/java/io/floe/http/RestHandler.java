package io.floe.http;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a list of {@link Route}s on Jetty 12: the one router of every Floe HTTP API. It
 * authenticates the caller ({@link CallerAuthentication}), finds the route, refuses a body declared
 * larger than the route takes without reading it, and maps every error the same way: a
 * {@link PublicError} body with the error code's HTTP status. Paths it does not know are left to
 * the next handler.
 */
public final class RestHandler extends Handler.Abstract {
  /** JSON request bodies larger than this are refused with 413. */
  public static final int MAX_JSON_BYTES = 1 << 20;
  /** Most of a refused request's unread body that is read (and dropped) before answering. */
  static final long MAX_DRAINED_BYTES = 64L << 20;

  private final CallerAuthentication authentication;
  private final List<Route> routes;

  public RestHandler(CallerAuthentication authentication, List<Route> routes) {
    this.authentication = requireNonNull(authentication, "authentication");
    this.routes = List.copyOf(routes);
  }

  public List<Route> routes() {
    return routes;
  }

  @Override public boolean handle(Request request, Response response, Callback callback) {
    if (hasDotSegment(request.getHttpURI().getPath())) {
      // HTTP resolves "a/b/.." to "a" before routing; a name of ".." must never become another path.
      writeError(response, callback, PublicError.of(new FloeException(ErrorCode.INVALID_NAME,
          "invalid path segment: '.' and '..' are not names")));
      return true;
    }
    String rawPath = Request.getPathInContext(request);
    List<String> segments;
    try {
      segments = decodeSegments(rawPath);
    } catch (FloeException e) {
      writeError(response, callback, PublicError.of(e));
      return true;
    }
    List<Route> candidates = new ArrayList<>();
    Route matched = null;
    Map<String, String> params = Map.of();
    for (Route route : routes) {
      Optional<Map<String, String>> m = route.match(segments);
      if (m.isPresent()) {
        candidates.add(route);
        if (route.method().name().equals(request.getMethod())) {
          matched = route;
          params = m.get();
          break;
        }
      }
    }
    if (candidates.isEmpty()) {
      return false;
    }
    if (matched == null) {
      response.getHeaders().put(HttpHeader.ALLOW,
          String.join(", ", candidates.stream().map(r -> r.method().name()).distinct().toList()));
      releaseBody(request, response);
      writeError(response, callback,
          PublicError.http(405, request.getMethod() + " is not allowed on " + rawPath));
      return true;
    }
    try {
      ApiRequest apiRequest = toApiRequest(request, matched, rawPath, params);
      if (matched.auth()) {
        apiRequest.principal();
      }
      ApiResponse answer = matched.endpoint().handle(apiRequest);
      write(response, callback, answer);
    } catch (Exception e) {
      PublicError error = PublicError.of(e);
      if (error.status() == 413 && request.getLength() > matched.doc().maxBodyBytes()) {
        answerThenRelease(request, response, callback, error);
      } else {
        releaseBody(request, response);
        writeError(response, callback, error);
      }
    }
    return true;
  }

  /**
   * Answers a request refused by its declared length before any of its body is read: the answer
   * is sent at once (a client that waits before sending the body reads it), then the body the
   * client may be sending anyway is released as {@link #releaseBody} does, so that a client that
   * sends first and reads after reads the answer too; then the connection closes.
   */
  private static void answerThenRelease(Request request, Response response, Callback callback,
      PublicError error) {
    response.setStatus(error.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    Callback.Completable sent = new Callback.Completable();
    response.write(false, ByteBuffer.wrap(error.json()), sent);
    try {
      sent.get();
    } catch (Exception e) {
      callback.failed(e);
      return;
    }
    releaseBody(request, response);
    response.write(true, null, callback);
  }

  /**
   * Before an error answer to a request whose body was not read (an upload refused before it was
   * looked at): up to {@link #MAX_DRAINED_BYTES} of the body are read and dropped, so the client,
   * which is still sending, reads the answer instead of a reset connection. A client that sends
   * {@code Expect: 100-continue} (curl does for large bodies) never sends the body at all. Past the
   * limit the answer says {@code Connection: close}.
   */
  private static void releaseBody(Request request, Response response) {
    if (request.getLength() == 0) {
      return;
    }
    if (request.getLength() > MAX_DRAINED_BYTES) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buffer = new byte[1 << 16];
      long drained = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        drained += n;
        if (drained > MAX_DRAINED_BYTES) {
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  private ApiRequest toApiRequest(Request request, Route route, String path, Map<String, String> params) {
    Map<String, String> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
    }
    Optional<Principal> principal = authentication.authenticate(request);
    // A body declared larger than the route takes is refused when the resource opens it (after its
    // own checks, such as write access), before any of it is read.
    long limit = route.doc().maxBodyBytes();
    ApiRequest.BodySource body = () -> {
      if (request.getLength() > limit) {
        throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body ("
            + request.getLength() + " bytes) is larger than " + limit + " bytes");
      }
      return new LimitedInputStream(Content.Source.asInputStream(request), limit);
    };
    return new ApiRequest(HttpMethod.valueOf(request.getMethod()), path, params,
        query(request.getHttpURI().getQuery()), principal, headers, body);
  }

  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return result;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw FloeException.invalid("malformed URL encoding");
    }
  }

  /** Whether the path as the client sent it has a {@code .} or {@code ..} segment. */
  static boolean hasDotSegment(String rawPath) {
    if (rawPath == null) {
      return false;
    }
    for (String segment : rawPath.split("/", -1)) {
      int q = segment.indexOf(';');
      String s = q < 0 ? segment : segment.substring(0, q);
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Path segments, percent-decoded; a decoded segment may not contain a slash or be a dot-segment. */
  static List<String> decodeSegments(String rawPath) {
    List<String> result = new ArrayList<>();
    for (String raw : Route.split(rawPath)) {
      String s = decode(raw.replace("+", "%2B"));
      if (s.contains("/") || s.contains("\\") || s.equals("..") || s.equals(".") || s.indexOf('\0') >= 0) {
        throw new FloeException(ErrorCode.INVALID_NAME, "invalid path segment");
      }
      result.add(s);
    }
    return result;
  }

  private void write(Response response, Callback callback, ApiResponse answer) throws IOException {
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    if (answer.stream() != null) {
      response.setStatus(answer.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
      try (OutputStream out = Content.Sink.asOutputStream(response)) {
        answer.stream().write(out);
      }
      callback.succeeded();
      return;
    }
    if (answer.json() == null) {
      response.setStatus(answer.status());
      response.write(true, null, callback);
      return;
    }
    writeJson(response, callback, answer.status(), answer.json());
  }

  /**
   * Writes {@code error} as the answer, with the challenge on a 401: the one way every Floe HTTP
   * endpoint answers an error in JSON.
   */
  public static void writeError(Response response, Callback callback, PublicError error) {
    if (error.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CallerAuthentication.CHALLENGE);
    }
    writeJson(response, callback, error.status(), error.body());
  }

  private static void writeJson(Response response, Callback callback, int status, Object body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(Json.writeLine(body)), callback);
  }
}
