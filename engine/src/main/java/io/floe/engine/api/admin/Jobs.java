package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.JobRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/** Jobs of a project (imports and exports that run in the background): read, wait for, cancel. */
public interface Jobs {
  /**
   * How far a job is, in percent: 100 once it succeeded; while it runs, how far its current DuckDB
   * statement is, if DuckDB reports it (an import runs a few statements one after another; each
   * counts from 0); otherwise (waiting, failed, cancelled) nothing.
   */
  OptionalDouble progress(JobRecord job);

  JobRecord get(Principal p, String projectId, String jobId);

  /** The newest jobs of the project the principal may see. */
  List<JobRecord> list(Principal p, String projectId, int limit);

  /** Cancels a waiting or running job. */
  JobRecord cancel(Principal p, String projectId, String jobId);

  /** Waits up to {@code millis} for a job to finish; returns it as it is then. */
  JobRecord await(Principal p, String projectId, String jobId, long millis);

  /** The file a successful job produced, if it still exists. */
  Path file(Principal p, String projectId, String jobId);
}
