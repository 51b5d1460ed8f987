package io.floe.web;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself (malformed or ambiguous URIs, bad requests, unhandled failures) as
 * the same JSON body every Floe endpoint uses, never an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  public JsonErrorHandler() {
    setShowStacks(false);
  }

  /** Every method gets a JSON error body (Jetty's default writes one for GET, POST and HEAD only). */
  @Override public boolean errorPageForMethod(String method) {
    return true;
  }

  static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_argument";
      case 401 -> "unauthenticated";
      case 403 -> "access_denied";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }

  private static byte[] body(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code(status));
    body.put("message", message == null || message.isBlank() ? "HTTP " + status : message);
    return Json.writeLine(body);
  }

  @Override protected void generateResponse(Request request, Response response, int code,
      String message, Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body(code, code >= 500 ? "internal error" : message)), callback);
  }

  @Override public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    return ByteBuffer.wrap(body(status, reason));
  }
}
