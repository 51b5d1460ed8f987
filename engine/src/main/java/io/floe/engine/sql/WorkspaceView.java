package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import java.util.List;
import java.util.Optional;

/**
 * A workspace principal's own, writable part of its root: the workspace and the tables and views
 * in its schema {@value #SCHEMA}, which sits inside the project's schema beside the (read-only)
 * buckets.
 *
 * @param workspace the workspace
 * @param objects its tables and views, by name
 */
public record WorkspaceView(WorkspaceDef workspace, List<WorkspaceObject> objects) {
  /** The schema the workspace's own objects appear in. */
  public static final String SCHEMA = WorkspaceDef.SCHEMA;

  public WorkspaceView {
    requireNonNull(workspace, "workspace");
    objects = List.copyOf(objects);
  }

  /** The DuckDB catalog the workspace's file is attached as. */
  public String duckDbCatalog() {
    return workspace.duckDbCatalog();
  }

  public Optional<WorkspaceObject> object(String name) {
    return objects.stream().filter(o -> o.name().equals(name)).findFirst()
        .or(() -> objects.stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst());
  }
}
