package io.floe.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP endpoint: method, path template ({@code /projects/{id}/buckets}), handler, the largest
 * body it takes, and what the OpenAPI document says about it.
 *
 * @param method HTTP method
 * @param template path with {@code {name}} segments
 * @param summary one line for the API document
 * @param auth whether a token is required
 * @param endpoint the code that answers
 * @param doc query parameters, body and success status, for the API document
 */
public record Route(HttpMethod method, String template, String summary, boolean auth, Endpoint endpoint,
    Doc doc) {
  /** Answers one call. */
  @FunctionalInterface
  public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws Exception;
  }

  /**
   * What the API document says about a route beyond its path.
   *
   * @param status the status of a successful answer
   * @param otherStatuses other statuses a successful answer may have (202 when the work runs as
   *     a job)
   * @param query query parameters it reads
   * @param jsonBody the record its JSON body maps to, or null
   * @param bodyTypes media types of a non-JSON body (uploads)
   * @param produces media types of a non-JSON answer (downloads)
   * @param maxBodyBytes the largest body taken: a request that declares a larger
   *     {@code Content-Length} is answered 413 before its body is read, and a body that grows past
   *     it while read (chunked) fails with 413 too
   */
  public record Doc(int status, List<Integer> otherStatuses, List<Param> query, Class<?> jsonBody,
      List<String> bodyTypes, List<String> produces, long maxBodyBytes) {
    public Doc {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative");
      }
      otherStatuses = List.copyOf(otherStatuses);
      query = List.copyOf(query);
      bodyTypes = List.copyOf(bodyTypes);
      produces = List.copyOf(produces);
    }
  }

  /** A query parameter: name, OpenAPI type ({@code string}, {@code integer}, {@code boolean}), meaning. */
  public record Param(String name, String type, String description) {
    public Param {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(description, "description");
    }
  }

  public Route {
    requireNonNull(method, "method");
    requireNonNull(template, "template");
    requireNonNull(summary, "summary");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(doc, "doc");
  }

  public Route(HttpMethod method, String template, String summary, boolean auth, Endpoint endpoint) {
    this(method, template, summary, auth, endpoint,
        new Doc(defaultStatus(method), List.of(), List.of(), null, List.of(), List.of(),
            RestHandler.MAX_JSON_BYTES));
  }

  private static int defaultStatus(HttpMethod method) {
    return method == HttpMethod.DELETE ? 204 : 200;
  }

  /** This route answering {@code status} on success. */
  public Route status(int status) {
    return with(new Doc(status, doc.otherStatuses(), doc.query(), doc.jsonBody(), doc.bodyTypes(),
        doc.produces(), doc.maxBodyBytes()));
  }

  /** This route answering {@code status} on success at times, too (202 when it runs as a job). */
  public Route orStatus(int status) {
    List<Integer> others = new ArrayList<>(doc.otherStatuses());
    others.add(status);
    return with(new Doc(doc.status(), others, doc.query(), doc.jsonBody(), doc.bodyTypes(),
        doc.produces(), doc.maxBodyBytes()));
  }

  /** Every status a successful answer may have. */
  public List<Integer> successStatuses() {
    List<Integer> all = new ArrayList<>();
    all.add(doc.status());
    all.addAll(doc.otherStatuses());
    return all;
  }

  private Route with(Doc newDoc) {
    return new Route(method, template, summary, auth, endpoint, newDoc);
  }

  /** This route with a query parameter documented. */
  public Route query(String name, String type, String description) {
    List<Param> params = new ArrayList<>(doc.query());
    params.add(new Param(name, type, description));
    return with(new Doc(doc.status(), doc.otherStatuses(), params, doc.jsonBody(), doc.bodyTypes(),
        doc.produces(), doc.maxBodyBytes()));
  }

  /** This route taking a JSON body shaped like {@code body} (a record). */
  public Route body(Class<?> body) {
    return with(new Doc(doc.status(), doc.otherStatuses(), doc.query(), body, doc.bodyTypes(),
        doc.produces(), doc.maxBodyBytes()));
  }

  /** This route taking a raw body (an upload) of these media types, up to {@code maxBytes}. */
  public Route upload(long maxBytes, String... mediaTypes) {
    return with(new Doc(doc.status(), doc.otherStatuses(), doc.query(), doc.jsonBody(),
        List.of(mediaTypes), doc.produces(), maxBytes));
  }

  /** This route answering, besides JSON, with these media types. */
  public Route produces(String... mediaTypes) {
    return with(new Doc(doc.status(), doc.otherStatuses(), doc.query(), doc.jsonBody(),
        doc.bodyTypes(), List.of(mediaTypes), doc.maxBodyBytes()));
  }

  /** Names of the {@code {name}} segments, in order. */
  public List<String> pathParams() {
    return segments().stream().filter(s -> s.startsWith("{") && s.endsWith("}"))
        .map(s -> s.substring(1, s.length() - 1)).toList();
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
