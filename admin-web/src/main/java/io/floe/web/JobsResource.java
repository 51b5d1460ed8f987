package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.Jobs;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Jobs: {@code /projects/{id}/jobs}, one job, its cancellation and the file an export made. */
final class JobsResource {
  private static final String JOBS = "/projects/{id}/jobs";
  private static final String JOB = JOBS + "/{job}";

  private final Floe engine;

  JobsResource(Floe engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.GET, JOBS, "The project's newest jobs the token may see", true,
            this::list).query("limit", "integer", "how many, 1..1000 (default 100)"),
        new Route(HttpMethod.GET, JOB, "A job: status, result or error", true, this::get)
            .query("wait", "integer", "seconds to wait for the job to finish (at most 60)"),
        new Route(HttpMethod.POST, JOB + "/cancel", "Cancel a waiting or running job", true,
            this::cancel),
        new Route(HttpMethod.GET, JOB + "/file", "Download the file an export job made", true,
            this::file).produces("text/csv", "application/gzip", TableDataResource.PARQUET));
  }

  private Jobs jobs() {
    return engine.storageServices().jobs();
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("jobs", jobs().list(request.principal(), request.param("id"),
        request.queryInt("limit").orElse(100)).stream().map(this::view).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    int wait = request.queryInt("wait").orElse(0);
    if (wait < 0 || wait > 60) {
      throw io.floe.engine.api.FloeException.invalid("wait must be between 0 and 60 seconds");
    }
    var job = jobs().await(request.principal(), request.param("id"), request.param("job"), wait * 1000L);
    return ApiResponse.ok(view(job));
  }

  private ApiResponse cancel(ApiRequest request) {
    return ApiResponse.ok(view(jobs().cancel(request.principal(), request.param("id"),
        request.param("job"))));
  }

  private Views.JobView view(JobRecord job) {
    return Views.JobView.of(job, jobs().progress(job));
  }

  private ApiResponse file(ApiRequest request) {
    Path file = jobs().file(request.principal(), request.param("id"), request.param("job"));
    return TableDataResource.download(file, file.getFileName().toString(), () -> {});
  }
}
