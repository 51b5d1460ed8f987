package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import java.util.List;

/** Changes to a table's definition: description, columns, primary key. */
public interface TableSchemas {
  TableDef updateDescription(Principal p, String projectId, String bucket, String table,
      String description);

  TableDef addColumn(Principal p, String projectId, String bucket, String table,
      ColumnDef column);

  TableDef dropColumn(Principal p, String projectId, String bucket, String table,
      String column);

  /** Sets (or replaces) the primary key; fails if a key column holds NULLs or keys repeat. */
  TableDef setPrimaryKey(Principal p, String projectId, String bucket, String table,
      List<String> columns);

  TableDef dropPrimaryKey(Principal p, String projectId, String bucket, String table);
}
