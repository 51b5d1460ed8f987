package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.SnowflakeConnections;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A project's Snowflake connections: {@code /projects/{id}/snowflake-connections}. */
final class SnowflakeConnectionsResource {
  private static final String CONNECTIONS = "/projects/{id}/snowflake-connections";
  private static final String CONNECTION = CONNECTIONS + "/{name}";

  private final Floe engine;

  SnowflakeConnectionsResource(Floe engine) {
    this.engine = engine;
  }

  /** A connection to create; exactly one of password, private_key and oauth_token. */
  record CreateConnection(String name, String account, String host, Integer port, String protocol,
      String user, String password, String privateKey, String privateKeyPassphrase,
      String oauthToken, String warehouse, String role, String database) {
    @Override public String toString() {
      return "CreateConnection[" + name + "]";
    }
  }

  /** A change; absent fields stay, a secret given replaces the secret. */
  record ChangeConnection(String account, String host, Integer port, String protocol, String user,
      String password, String privateKey, String privateKeyPassphrase, String oauthToken,
      String warehouse, String role, String database) {
    @Override public String toString() {
      return "ChangeConnection[" + account + "]";
    }
  }

  /** A connection as the API shows it: never its secret. */
  record ConnectionView(String name, String projectId, String account, String host, int port,
      String protocol, String user, String auth, String warehouse, String role, String database,
      Instant createdAt, Instant updatedAt) {
    static ConnectionView of(SnowflakeConnections.Info i) {
      return new ConnectionView(i.name(), i.projectId(), i.account(), i.host(), i.port(),
          i.protocol(), i.user(), i.auth().name().toLowerCase(Locale.ROOT), i.warehouse(), i.role(),
          i.database(), i.createdAt(), i.updatedAt());
    }
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, CONNECTIONS, "Register a Snowflake connection (logs in first; "
            + "the secret is stored encrypted and never returned)", true, this::create)
            .status(201).body(CreateConnection.class),
        new Route(HttpMethod.GET, CONNECTIONS, "List the project's Snowflake connections", true,
            this::list),
        new Route(HttpMethod.GET, CONNECTION, "Get a Snowflake connection", true, this::get),
        new Route(HttpMethod.PATCH, CONNECTION, "Change a Snowflake connection (logs in first)", true,
            this::update).body(ChangeConnection.class),
        new Route(HttpMethod.DELETE, CONNECTION,
            "Delete a Snowflake connection (refused while a registered bucket uses it)", true,
            this::delete),
        new Route(HttpMethod.POST, CONNECTION + "/test", "Log in with a stored Snowflake connection now",
            true, this::test));
  }

  private SnowflakeConnections connections() {
    return engine.snowflakeConnections();
  }

  private ApiResponse create(ApiRequest request) {
    CreateConnection b = request.json(CreateConnection.class);
    return ApiResponse.created(ConnectionView.of(connections().create(request.principal(),
        request.param("id"), new SnowflakeConnections.Spec(b.name(), b.account(), b.host(), b.port(),
            b.protocol(), b.user(), b.password(), b.privateKey(), b.privateKeyPassphrase(),
            b.oauthToken(), b.warehouse(), b.role(), b.database()))));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("connections", connections().list(request.principal(),
        request.param("id")).stream().map(ConnectionView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(ConnectionView.of(connections().get(request.principal(),
        request.param("id"), request.param("name"))));
  }

  private ApiResponse update(ApiRequest request) {
    ChangeConnection b = request.json(ChangeConnection.class);
    return ApiResponse.ok(ConnectionView.of(connections().update(request.principal(),
        request.param("id"), request.param("name"), new SnowflakeConnections.Patch(b.account(),
            b.host(), b.port(), b.protocol(), b.user(), b.password(), b.privateKey(),
            b.privateKeyPassphrase(), b.oauthToken(), b.warehouse(), b.role(), b.database()))));
  }

  private ApiResponse delete(ApiRequest request) {
    connections().delete(request.principal(), request.param("id"), request.param("name"));
    return ApiResponse.noContent();
  }

  private ApiResponse test(ApiRequest request) {
    return ApiResponse.ok(ConnectionView.of(connections().test(request.principal(),
        request.param("id"), request.param("name"))));
  }
}
