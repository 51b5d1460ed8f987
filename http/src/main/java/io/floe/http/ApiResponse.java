package io.floe.http;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.util.Map;

/**
 * What a resource answers: a status and either a JSON value or a streamed body.
 *
 * @param status HTTP status
 * @param json value serialized as JSON, or null
 * @param stream writer of a non-JSON body, or null
 * @param contentType content type of a streamed body
 * @param headers extra response headers
 */
public record ApiResponse(int status, Object json, BodyWriter stream, String contentType,
    Map<String, String> headers) {

  /** Writes a streamed body. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws java.io.IOException;
  }

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse ok(Object json) {
    return new ApiResponse(200, requireNonNull(json, "json"), null, null, Map.of());
  }

  public static ApiResponse created(Object json) {
    return new ApiResponse(201, requireNonNull(json, "json"), null, null, Map.of());
  }

  public static ApiResponse accepted(Object json) {
    return new ApiResponse(202, requireNonNull(json, "json"), null, null, Map.of());
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null, null, null, Map.of());
  }

  public static ApiResponse stream(String contentType, BodyWriter writer) {
    return new ApiResponse(200, null, writer, contentType, Map.of());
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, json, stream, contentType, h);
  }
}
