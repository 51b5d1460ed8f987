package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.ProjectTokens;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Project tokens: {@code /projects/{id}/tokens} and {@code /tokens/verify}. */
final class TokensResource {
  private static final String TOKENS = "/projects/{id}/tokens";
  private static final String TOKEN = TOKENS + "/{token}";

  private final Floe engine;

  TokensResource(Floe engine) {
    this.engine = engine;
  }

  /**
   * A token to create.
   *
   * @param expiresIn lifetime in seconds, at least 1; absent for a token that never expires
   */
  record CreateToken(String description, Map<String, String> bucketPermissions,
      Boolean canManageBuckets, Long expiresIn) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, TOKENS, "Create a project token; its secret is returned only here",
            true, this::create).status(201).body(CreateToken.class),
        new Route(HttpMethod.GET, TOKENS, "List the project's tokens (never their secrets)", true,
            this::list),
        new Route(HttpMethod.GET, TOKEN, "Get a token", true, this::get),
        new Route(HttpMethod.DELETE, TOKEN, "Revoke a token; it stops working at once", true,
            this::revoke),
        new Route(HttpMethod.POST, TOKEN + "/refresh",
            "Give a token a new secret (returned only here); the old one stops working", true,
            this::refresh),
        new Route(HttpMethod.GET, "/tokens/verify",
            "The calling token: id, description, project and permissions", true, this::verify));
  }

  private ProjectTokens tokens() {
    return engine.storageServices().tokens();
  }

  private ApiResponse create(ApiRequest request) {
    CreateToken body = request.json(CreateToken.class);
    Long seconds = body.expiresIn();
    var created = tokens().create(request.principal(), request.param("id"),
        new ProjectTokens.TokenSpec(body.description(), body.bucketPermissions(),
            Boolean.TRUE.equals(body.canManageBuckets()),
            seconds == null ? null : Duration.ofSeconds(seconds)));
    return ApiResponse.created(Views.TokenWithSecretView.of(created));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("tokens", tokens().list(request.principal(), request.param("id"))
        .stream().map(Views.TokenView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(Views.TokenView.of(tokens().get(request.principal(), request.param("id"),
        request.param("token"))));
  }

  private ApiResponse revoke(ApiRequest request) {
    tokens().revoke(request.principal(), request.param("id"), request.param("token"));
    return ApiResponse.noContent();
  }

  private ApiResponse refresh(ApiRequest request) {
    return ApiResponse.ok(Views.TokenWithSecretView.of(tokens().refresh(request.principal(),
        request.param("id"), request.param("token"))));
  }

  private ApiResponse verify(ApiRequest request) {
    return ApiResponse.ok(Views.VerifiedTokenView.of(tokens().verify(request.principal())));
  }
}
