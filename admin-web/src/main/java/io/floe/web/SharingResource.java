package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.Sharing;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sharing between projects: {@code share}, {@code link} and {@code grant-readonly} under
 * {@code /projects/{id}/buckets/{bucket}}, and {@code /projects/{id}/shared-buckets}.
 */
final class SharingResource {
  private static final String BUCKET = "/projects/{id}/buckets/{bucket}";

  private final Floe engine;

  SharingResource(Floe engine) {
    this.engine = engine;
  }

  /** Whom to share with: one project, several, or all. */
  record Share(String targetProjectId, List<String> targetProjectIds, Boolean allProjects) {}

  /** What to link: a bucket of another project that shares it. */
  record Link(String sourceProjectId, String sourceBucketName) {}

  /** Whom to grant read-only access, and under which name the bucket appears there. */
  record Grant(String targetProjectId, String linkName) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, BUCKET + "/share",
            "Share a bucket with projects (or all projects); they may then link it", true,
            this::share).body(Share.class),
        new Route(HttpMethod.GET, BUCKET + "/share", "Shares of a bucket and the links to it", true,
            this::state),
        new Route(HttpMethod.DELETE, BUCKET + "/share",
            "Stop sharing with a project (or all); its links go at once", true, this::unshare)
            .status(200)
            .query("target_project_id", "string", "the project to stop sharing with")
            .query("all_projects", "boolean", "stop the share to all projects"),
        new Route(HttpMethod.POST, BUCKET + "/link",
            "Link a bucket another project shares into this project under this name, read-only",
            true, this::link).status(201).body(Link.class),
        new Route(HttpMethod.DELETE, BUCKET + "/link", "Remove a linked bucket (the source stays)",
            true, this::unlink),
        new Route(HttpMethod.POST, BUCKET + "/grant-readonly",
            "Give another project read-only access: share and link in one step", true,
            this::grant).body(Grant.class),
        new Route(HttpMethod.DELETE, BUCKET + "/grant-readonly",
            "Revoke read-only access; the project's link goes at once", true, this::revoke)
            .status(200)
            .query("target_project_id", "string", "the project to revoke"),
        new Route(HttpMethod.GET, "/projects/{id}/shared-buckets",
            "Buckets of other projects this project may link", true, this::offers));
  }

  private Sharing sharing() {
    return engine.storageServices().sharing();
  }

  private ApiResponse share(ApiRequest request) {
    Share body = request.json(Share.class);
    List<String> targets = new ArrayList<>();
    if (body.targetProjectId() != null) {
      targets.add(body.targetProjectId());
    }
    if (body.targetProjectIds() != null) {
      targets.addAll(body.targetProjectIds());
    }
    return ApiResponse.ok(Views.ShareStateView.of(sharing().share(request.principal(),
        request.param("id"), request.param("bucket"), targets, Boolean.TRUE.equals(body.allProjects()))));
  }

  private ApiResponse state(ApiRequest request) {
    return ApiResponse.ok(Views.ShareStateView.of(sharing().state(request.principal(),
        request.param("id"), request.param("bucket"))));
  }

  private ApiResponse unshare(ApiRequest request) {
    List<Sharing.Link> removed = sharing().unshare(request.principal(), request.param("id"),
        request.param("bucket"), request.query("target_project_id").orElse(null),
        request.queryFlag("all_projects"));
    return removedLinks(removed);
  }

  private ApiResponse link(ApiRequest request) {
    Link body = request.json(Link.class);
    return ApiResponse.created(Views.BucketView.of(sharing().link(request.principal(),
        request.param("id"), request.param("bucket"), body.sourceProjectId(), body.sourceBucketName())));
  }

  private ApiResponse unlink(ApiRequest request) {
    sharing().unlink(request.principal(), request.param("id"), request.param("bucket"));
    return ApiResponse.noContent();
  }

  private ApiResponse grant(ApiRequest request) {
    Grant body = request.json(Grant.class);
    Sharing.Link link = sharing().grantReadOnly(request.principal(), request.param("id"),
        request.param("bucket"), body.targetProjectId(), body.linkName());
    return ApiResponse.ok(new Views.GrantView(request.param("bucket"), Views.LinkView.of(link)));
  }

  private ApiResponse revoke(ApiRequest request) {
    return removedLinks(sharing().revokeReadOnly(request.principal(), request.param("id"),
        request.param("bucket"), request.query("target_project_id").orElse(null)));
  }

  private ApiResponse offers(ApiRequest request) {
    return ApiResponse.ok(Map.of("buckets", sharing().offers(request.principal(), request.param("id"))
        .stream().map(Views.OfferView::of).toList()));
  }

  private static ApiResponse removedLinks(List<Sharing.Link> removed) {
    return ApiResponse.ok(Map.of("removed_links", removed.stream().map(Views.LinkView::of).toList()));
  }
}
