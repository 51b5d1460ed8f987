package io.floe.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself (malformed or ambiguous URIs, bad requests, unhandled failures) as
 * the {@link PublicError} body every Floe endpoint uses, never an HTML page or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  public JsonErrorHandler() {
    setShowStacks(false);
  }

  /** Every method gets a JSON error body (Jetty's default writes one for GET, POST and HEAD only). */
  @Override public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override protected void generateResponse(Request request, Response response, int code,
      String message, Throwable cause, Callback callback) {
    PublicError error = code >= 500 ? PublicError.internal(cause) : PublicError.http(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(error.json()), callback);
  }

  @Override public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    return ByteBuffer.wrap(PublicError.http(status, reason).json());
  }
}
