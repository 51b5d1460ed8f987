package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

/**
 * The storage API's services: tokens, sharing, metadata, schema changes, reads, profiles, imports,
 * jobs.
 */
public record StorageServices(ProjectTokens tokens, Sharing sharing, Metadata metadata,
    TableSchemas tableSchemas, TableReads reads, TableProfiles tableProfiles,
    TableImports imports, Jobs jobs,
    ProjectStats stats, Backend backend) {
  public StorageServices {
    requireNonNull(tokens, "tokens");
    requireNonNull(sharing, "sharing");
    requireNonNull(metadata, "metadata");
    requireNonNull(tableSchemas, "tableSchemas");
    requireNonNull(reads, "reads");
    requireNonNull(tableProfiles, "tableProfiles");
    requireNonNull(imports, "imports");
    requireNonNull(jobs, "jobs");
    requireNonNull(stats, "stats");
    requireNonNull(backend, "backend");
  }
}
