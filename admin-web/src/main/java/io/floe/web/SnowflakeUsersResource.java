package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.SnowflakeUsers;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's Snowflake key-pair users: {@code /projects/{id}/snowflake-users}. */
final class SnowflakeUsersResource {
  private static final String USERS = "/projects/{id}/snowflake-users";
  private static final String USER = USERS + "/{name}";

  private final Floe engine;

  SnowflakeUsersResource(Floe engine) {
    this.engine = engine;
  }

  /**
   * A user to register.
   *
   * @param rsaPublicKey PEM, with or without its BEGIN/END lines, at least 2048 bits
   * @param bucketPermissions bucket name to {@code read} or {@code write}
   */
  record CreateUser(String name, String rsaPublicKey, Map<String, String> bucketPermissions) {}

  /** A user as the API shows it: its key's fingerprint, never more. */
  record UserView(String name, String projectId, String rsaPublicKeyFp,
      Map<String, String> bucketPermissions, Instant createdAt) {
    static UserView of(SnowflakeUsers.Info i) {
      Map<String, String> permissions = new LinkedHashMap<>();
      i.bucketPermissions().forEach((bucket, p) -> permissions.put(bucket, p.wireName()));
      return new UserView(i.name(), i.projectId(), i.fingerprint(), permissions, i.createdAt());
    }
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, USERS, "Register a Snowflake key-pair user: Snowflake clients "
            + "log in as it with a JWT signed by its key", true, this::create)
            .status(201).body(CreateUser.class),
        new Route(HttpMethod.GET, USERS, "List the project's Snowflake key-pair users with their "
            + "key fingerprints", true, this::list),
        new Route(HttpMethod.GET, USER, "Get a Snowflake key-pair user", true, this::get),
        new Route(HttpMethod.DELETE, USER, "Delete a Snowflake key-pair user; its sessions end at "
            + "once", true, this::delete));
  }

  private SnowflakeUsers users() {
    return engine.snowflakeUsers();
  }

  private ApiResponse create(ApiRequest request) {
    CreateUser b = request.json(CreateUser.class);
    return ApiResponse.created(UserView.of(users().create(request.principal(), request.param("id"),
        new SnowflakeUsers.UserSpec(b.name(), b.rsaPublicKey(), b.bucketPermissions()))));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("users", users().list(request.principal(), request.param("id"))
        .stream().map(UserView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(UserView.of(users().get(request.principal(), request.param("id"),
        request.param("name"))));
  }

  private ApiResponse delete(ApiRequest request) {
    users().delete(request.principal(), request.param("id"), request.param("name"));
    return ApiResponse.noContent();
  }
}
