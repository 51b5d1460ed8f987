package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.TableDef;
import java.util.List;

/** Tables of a bucket: create, list, read, delete. */
public interface Tables {
  /** Result of an import. */
  record ImportResult(TableDef table, long importedRows, long totalRows, long sizeBytes) {}

  TableDef create(Principal principal, String projectId, String bucketName, TableSpec spec);

  List<TableDef> list(Principal principal, String projectId, String bucketName);

  TableDef get(Principal principal, String projectId, String bucketName, String table);

  /** Deletes a table with its file and every dev branch's copy of it. */
  void delete(Principal principal, String projectId, String bucketName, String table);
}
