package io.floe.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 document of an API, generated from its routes
 * themselves (paths, methods, summaries, path and query parameters, JSON bodies from the records
 * endpoints parse), so it cannot drift from what the server answers. Authentication and the error
 * body are the edge's, so every API documents them alike.
 */
public final class OpenApiResource {
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  /**
   * What the document says about the API as a whole.
   *
   * @param title the API's name
   * @param description what it offers (the edge adds how to authenticate and what errors look like)
   * @param tag the tag (group) of a route's path template
   */
  public record Info(String title, String description, Function<String, String> tag) {
    public Info {
      requireNonNull(title, "title");
      requireNonNull(description, "description");
      requireNonNull(tag, "tag");
    }
  }

  private final Info info;
  private final Supplier<List<Route>> routes;
  private volatile ObjectNode document;

  /**
   * @param routes every route of the API, this resource's own included; read on the first request
   */
  public OpenApiResource(Info info, Supplier<List<Route>> routes) {
    this.info = requireNonNull(info, "info");
    this.routes = requireNonNull(routes, "routes");
  }

  public List<Route> routes() {
    return List.of(new Route(HttpMethod.GET, "/openapi.json", "This API's OpenAPI 3 document", false,
        this::get));
  }

  private ApiResponse get(ApiRequest request) {
    ObjectNode doc = document;
    if (doc == null) {
      doc = document(info, routes.get());
      document = doc;
    }
    return ApiResponse.ok(doc);
  }

  static ObjectNode document(Info api, List<Route> routes) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", api.title());
    info.put("version", "1");
    info.put("description", api.description() + " Authenticate with 'Authorization: Bearer <token>', "
        + "'Authorization: Basic' with the token as password, or 'X-StorageApi-Token: <token>' "
        + "(several must name the same token). Errors are {\"error\": code, \"sqlstate\": SQLSTATE, "
        + "\"message\": text, \"hint\": text}; an internal error says only 'internal error' and a "
        + "'reference' to the server's log.");
    ObjectNode components = doc.putObject("components");
    ObjectNode security = components.putObject("securitySchemes");
    security.putObject("bearer").put("type", "http").put("scheme", "bearer");
    security.putObject("basic").put("type", "http").put("scheme", "basic");
    security.putObject("storageApiToken").put("type", "apiKey").put("in", "header")
        .put("name", "X-StorageApi-Token");
    ObjectNode schemas = components.putObject("schemas");
    ObjectNode error = schemas.putObject("Error").put("type", "object");
    error.putArray("required").add("error").add("sqlstate").add("message");
    ObjectNode errorFields = error.putObject("properties");
    for (String field : List.of("error", "sqlstate", "message", "hint", "reference")) {
      errorFields.putObject(field).put("type", "string");
    }

    ObjectNode paths = doc.putObject("paths");
    for (Route route : routes) {
      ObjectNode path = paths.has(route.template()) ? (ObjectNode) paths.get(route.template())
          : paths.putObject(route.template());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(api, route, schemas));
    }
    return doc;
  }

  private static ObjectNode operation(Info api, Route route, ObjectNode schemas) {
    ObjectNode op = Json.MAPPER.createObjectNode();
    op.put("summary", route.summary());
    op.put("operationId", operationId(route));
    op.putArray("tags").add(api.tag().apply(route.template()));
    ArrayNode parameters = op.putArray("parameters");
    for (String name : route.pathParams()) {
      ObjectNode p = parameters.addObject();
      p.put("name", name).put("in", "path").put("required", true);
      p.putObject("schema").put("type", "string");
    }
    for (Route.Param q : route.doc().query()) {
      ObjectNode p = parameters.addObject();
      p.put("name", q.name()).put("in", "query").put("required", false)
          .put("description", q.description());
      p.putObject("schema").put("type", q.type());
    }
    if (route.doc().jsonBody() != null) {
      ObjectNode body = op.putObject("requestBody").put("required", true);
      body.putObject("content").putObject("application/json")
          .set("schema", schema(route.doc().jsonBody(), schemas));
    } else if (!route.doc().bodyTypes().isEmpty()) {
      ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
      for (String type : route.doc().bodyTypes()) {
        content.putObject(type).putObject("schema").put("type", "string").put("format", "binary");
      }
    }
    ObjectNode responses = op.putObject("responses");
    for (int status : route.successStatuses()) {
      ObjectNode ok = responses.putObject(Integer.toString(status));
      ok.put("description", switch (status) {
        case 201 -> "created";
        case 202 -> "accepted: running as a job (poll the job at Location)";
        case 204 -> "done, no content";
        default -> "success";
      });
      if (status == 204) {
        continue;
      }
      ObjectNode content = ok.putObject("content");
      content.putObject("application/json").putObject("schema").put("type", "object");
      if (status == route.doc().status()) {
        for (String type : route.doc().produces()) {
          content.putObject(type).putObject("schema").put("type", "string").put("format", "binary");
        }
      }
    }
    ObjectNode failure = responses.putObject("default").put("description", "an error");
    failure.putObject("content").putObject("application/json").putObject("schema")
        .put("$ref", "#/components/schemas/Error");
    ArrayNode security = op.putArray("security");
    if (route.auth()) {
      security.addObject().putArray("bearer");
      security.addObject().putArray("basic");
      security.addObject().putArray("storageApiToken");
    }
    return op;
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String segment : route.segments()) {
      String s = segment.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]", "_");
      id.append('_').append(s);
    }
    return id.toString();
  }

  /** The JSON schema of a type a body is read into; records become named component schemas. */
  static ObjectNode schema(Type type, ObjectNode schemas) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        s.put("type", "array").set("items", schema(p.getActualTypeArguments()[0], schemas));
        return s;
      }
      if (Map.class.isAssignableFrom(raw)) {
        s.put("type", "object").set("additionalProperties", schema(p.getActualTypeArguments()[1], schemas));
        return s;
      }
      return schema(raw, schemas);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      s.put("type", "string");
    } else if (c == Boolean.class || c == boolean.class) {
      s.put("type", "boolean");
    } else if (c == Integer.class || c == int.class) {
      s.put("type", "integer").put("format", "int32");
    } else if (c == Long.class || c == long.class) {
      s.put("type", "integer").put("format", "int64");
    } else if (c == Double.class || c == double.class || c == BigDecimal.class) {
      s.put("type", "number");
    } else if (c.isRecord()) {
      String name = c.getSimpleName();
      if (!schemas.has(name)) {
        ObjectNode record = schemas.putObject(name).put("type", "object")
            .put("additionalProperties", false);
        ObjectNode properties = record.putObject("properties");
        for (RecordComponent rc : c.getRecordComponents()) {
          properties.set(SNAKE.translate(rc.getName()), schema(rc.getGenericType(), schemas));
        }
      }
      s.put("$ref", "#/components/schemas/" + name);
    } else {
      s.put("description", "any JSON value");
    }
    return s;
  }
}
