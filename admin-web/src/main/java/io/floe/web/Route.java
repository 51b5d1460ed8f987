package io.floe.web;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST endpoint: method, path template ({@code /projects/{id}/buckets}), handler, and what the
 * OpenAPI document says about it.
 *
 * @param method HTTP method
 * @param template path with {@code {name}} segments
 * @param summary one line for the API document
 * @param auth whether a token is required
 * @param endpoint the code that answers
 */
public record Route(HttpMethod method, String template, String summary, boolean auth, Endpoint endpoint) {
  /** Answers one call. */
  @FunctionalInterface
  public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws Exception;
  }

  public Route {
    requireNonNull(method, "method");
    requireNonNull(template, "template");
    requireNonNull(endpoint, "endpoint");
  }

  List<String> segments() {
    return split(template);
  }

  static List<String> split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }

  /** The path parameters if {@code segments} (already decoded) fit this route's template. */
  Optional<Map<String, String>> match(List<String> pathSegments) {
    List<String> pattern = segments();
    if (pattern.size() != pathSegments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = pathSegments.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        if (s.isEmpty()) {
          return Optional.empty();
        }
        params.put(p.substring(1, p.length() - 1), s);
      } else if (!p.equals(s)) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
