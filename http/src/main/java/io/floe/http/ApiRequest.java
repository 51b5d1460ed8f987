package io.floe.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST call as a resource sees it: path parameters, query parameters, the authenticated
 * principal (if any), and the body, read lazily.
 */
public final class ApiRequest {
  private final HttpMethod method;
  private final String path;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final Optional<Principal> principal;
  private final Map<String, String> headers;
  private final BodySource body;

  /** Opens the request body once. */
  @FunctionalInterface
  public interface BodySource {
    InputStream open();
  }

  ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
      Map<String, List<String>> query, Optional<Principal> principal, Map<String, String> headers,
      BodySource body) {
    this.method = requireNonNull(method, "method");
    this.path = requireNonNull(path, "path");
    this.pathParams = Map.copyOf(pathParams);
    this.query = Map.copyOf(query);
    this.principal = requireNonNull(principal, "principal");
    this.headers = Map.copyOf(headers);
    this.body = requireNonNull(body, "body");
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** A path parameter, e.g. {@code id} in {@code /projects/{id}}. */
  public String param(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw FloeException.internal("route has no parameter " + name, null);
    }
    return value;
  }

  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  public Optional<Integer> queryInt(String name) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.get().trim()));
    } catch (NumberFormatException e) {
      throw FloeException.invalid("query parameter " + name + " must be an integer");
    }
  }

  public boolean queryFlag(String name) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "", "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw FloeException.invalid("query parameter " + name + " must be true or false");
    };
  }

  /** The authenticated caller; 401 if there is none. */
  public Principal principal() {
    return principal.orElseThrow(() -> new FloeException(ErrorCode.UNAUTHENTICATED,
        "authentication required: send Authorization: Bearer <token> or X-StorageApi-Token"));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The body, streamed. */
  public InputStream body() {
    return body.open();
  }

  /** The body parsed as JSON into {@code type}; unknown fields and wrong types are 400. */
  public <T> T json(Class<T> type) {
    return Json.read(body.open(), type);
  }

  /** The body as a JSON tree (empty object when there is no body). */
  public JsonNode jsonTree() {
    return Json.readTree(body.open());
  }
}
