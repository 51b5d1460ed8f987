package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Buckets;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.snowflake.SnowflakeConnectionService;
import io.floe.engine.snowflake.SnowflakeSchemaReader;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.storage.DuckDbStorage;
import java.util.List;
import java.util.Locale;

/** Buckets: namespaces of tables inside a project (schemas in SQL). */
public final class BucketService implements Buckets {
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TableService tables;

  private final SnowflakeConnectionService connections;

  public BucketService(Catalog catalog, DuckDbStorage storage, TableService tables,
      SnowflakeConnectionService connections) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.tables = requireNonNull(tables, "tables");
    this.connections = requireNonNull(connections, "connections");
  }

  @Override public Registration register(Principal principal, String projectId, String name,
      String connection, List<String> path, String description) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    Names.bucket(name);
    ProjectService.checkText("description", description);
    if (connection == null || connection.isBlank()) {
      throw FloeException.invalid("connection is required: the name of one of the project's "
          + "Snowflake connections");
    }
    if (path == null || path.size() != 2 || path.stream().anyMatch(p -> p == null || p.isBlank())) {
      throw FloeException.invalid("path must be [database, schema]");
    }
    if (s.bucket(projectId, name).isPresent()) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "bucket '%s' already exists", name);
    }
    String connectionName = connections.describe(projectId, connection).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND, "Snowflake connection '" + connection
            + "' not found in project '" + projectId + "'")).name();
    RemoteObjects found = readRemote(projectId, connectionName, path.get(0), path.get(1));
    Bucket.RemoteSchema remote = new Bucket.RemoteSchema(connectionName, found.database, found.schema);
    List<String> added = new java.util.ArrayList<>();
    catalog.mutate(tx -> {
      Bucket b = Catalog.insertRegisteredBucket(tx, projectId, name, description, remote);
      for (Usable t : found.tables) {
        Catalog.insertRemoteTable(tx, b.id(), t.table.name(), t.table.name(), t.table.view(),
            t.table.comment(), t.columns);
        added.add(t.table.name());
      }
      return b;
    });
    return new Registration(get(principal, projectId, name), added, List.of(), List.of(),
        found.skipped);
  }

  @Override public Registration refresh(Principal principal, String projectId, String name) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, name);
    Bucket.RemoteSchema remote = bucket.source().remote();
    if (remote == null || bucket.isLinked()) {
      throw FloeException.invalid("'" + name + "' is not a registered bucket of project '" + projectId
          + "'; only those are refreshed from Snowflake");
    }
    RemoteObjects found = readRemote(projectId, remote.connection(), remote.database(),
        remote.schema());
    long bucketId = bucket.source().id();
    List<String> added = new java.util.ArrayList<>();
    List<String> dropped = new java.util.ArrayList<>();
    List<String> changed = new java.util.ArrayList<>();
    catalog.mutate(tx -> {
      java.util.Map<String, TableDef> known = new java.util.HashMap<>();
      for (TableDef t : catalog.snapshot().tables(bucketId)) {
        known.put(t.remoteName(), t);
      }
      // Tables gone first: a table renamed only in case comes back under its new name.
      java.util.Set<String> present = new java.util.HashSet<>();
      found.tables.forEach(u -> present.add(u.table.name()));
      for (TableDef gone : List.copyOf(known.values())) {
        if (!present.contains(gone.remoteName())) {
          Catalog.deleteTable(tx, gone.id());
          dropped.add(gone.name());
          known.remove(gone.remoteName());
        }
      }
      for (Usable u : found.tables) {
        TableDef old = known.remove(u.table.name());
        if (old == null) {
          Catalog.insertRemoteTable(tx, bucketId, u.table.name(), u.table.name(), u.table.view(),
              u.table.comment(), u.columns);
          added.add(u.table.name());
        } else if (!old.columns().equals(u.columns) || old.remoteView() != u.table.view()
            || !java.util.Objects.equals(old.description(), u.table.comment())) {
          Catalog.insertColumns(tx, old.id(), u.columns, List.of());
          tx.update("UPDATE tables SET remote_view = ?, description = ?, updated_at = ? WHERE id = ?",
              u.table.view() ? 1 : 0, u.table.comment(), java.time.Instant.now().toString(), old.id());
          changed.add(old.name());
        }
      }
      return null;
    });
    return new Registration(get(principal, projectId, name), added, dropped, changed, found.skipped);
  }

  /** A Snowflake table with the columns Floe shows of it. */
  private record Usable(SnowflakeSchemaReader.Table table, List<ColumnDef> columns) {}

  /** A schema's tables as found, under the names that found them, and what was left out. */
  private record RemoteObjects(String database, String schema, List<Usable> tables,
      List<String> skipped) {}

  /**
   * Reads {@code database.schema} through the connection. Snowflake folds unquoted names to upper
   * case, so a name given in lower case that finds nothing is tried in upper case.
   */
  private RemoteObjects readRemote(String projectId, String connection, String database,
      String schema) {
    try (java.sql.Connection c = connections.open(projectId, connection)) {
      java.util.Map<String, SnowflakeSchemaReader.Table> read =
          SnowflakeSchemaReader.read(c, database, schema);
      String db = database;
      String sc = schema;
      String upperDb = database.toUpperCase(Locale.ROOT);
      String upperSc = schema.toUpperCase(Locale.ROOT);
      if (read.isEmpty() && (!upperDb.equals(database) || !upperSc.equals(schema))) {
        java.util.Map<String, SnowflakeSchemaReader.Table> upper =
            SnowflakeSchemaReader.read(c, upperDb, upperSc);
        if (!upper.isEmpty()) {
          read = upper;
          db = upperDb;
          sc = upperSc;
        }
      }
      List<Usable> usable = new java.util.ArrayList<>();
      List<String> skipped = new java.util.ArrayList<>();
      java.util.Set<String> names = new java.util.HashSet<>();
      for (SnowflakeSchemaReader.Table t : read.values()) {
        if (!usableName(t.name())) {
          skipped.add(t.name() + ": the name is not a Floe table name");
          continue;
        }
        if (!names.add(t.name().toLowerCase(Locale.ROOT))) {
          skipped.add(t.name() + ": another table's name differs from it only in case");
          continue;
        }
        List<ColumnDef> columns = new java.util.ArrayList<>();
        java.util.Set<String> columnNames = new java.util.HashSet<>();
        for (SnowflakeSchemaReader.Column col : t.columns()) {
          if (!usableName(col.name())) {
            skipped.add(t.name() + "." + col.name() + ": the name is not a Floe column name");
          } else if (!columnNames.add(col.name().toLowerCase(Locale.ROOT))) {
            skipped.add(t.name() + "." + col.name() + ": another column's name differs from it "
                + "only in case");
          } else {
            columns.add(new ColumnDef(col.name(), col.type(), col.nullable(), col.comment()));
          }
        }
        t.skipped().forEach(x -> skipped.add(t.name() + "." + x + ": Floe has no type for it"));
        if (columns.isEmpty()) {
          skipped.add(t.name() + ": no column Floe can read");
          continue;
        }
        usable.add(new Usable(t, List.copyOf(columns)));
      }
      return new RemoteObjects(db, sc, usable, skipped);
    } catch (java.sql.SQLException e) {
      throw io.floe.engine.snowflake.SnowflakeSources.translate(projectId, connection, e);
    }
  }

  private static boolean usableName(String name) {
    try {
      Names.table(name);
      return true;
    } catch (FloeException e) {
      return false;
    }
  }

  @Override public Bucket create(Principal principal, String projectId, String name, String stage,
      String description) {
    AccessPolicy.requireBucketManagement(principal, catalog.snapshot(), projectId);
    Names.bucket(name);
    String normalizedStage = stage == null ? "in" : stage.toLowerCase(Locale.ROOT);
    if (!normalizedStage.equals("in") && !normalizedStage.equals("out")) {
      throw FloeException.invalid("stage must be 'in' or 'out', got '" + stage + "'");
    }
    ProjectService.checkText("description", description);
    return catalog.mutate(tx -> Catalog.insertBucket(tx, projectId, name, normalizedStage, description));
  }

  /** Changes a bucket's description (a linked bucket shows its source's, and cannot change it). */
  @Override public VisibleBucket update(Principal principal, String projectId, String name, String description) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, name);
    ProjectService.checkText("description", description);
    catalog.mutate(tx -> {
      tx.update("UPDATE buckets SET description = ? WHERE id = ?", description, bucket.source().id());
      return null;
    });
    return get(principal, projectId, bucket.name());
  }

  @Override public List<VisibleBucket> list(Principal principal, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    return AccessPolicy.visibleBuckets(principal, s, projectId);
  }

  @Override public VisibleBucket get(Principal principal, String projectId, String name) {
    return AccessPolicy.requireReadable(principal, catalog.snapshot(), projectId, name);
  }

  /** Deletes a bucket with its tables and their files. */
  @Override public void delete(Principal principal, String projectId, String name) {
    delete(principal, projectId, name, false);
  }

  /**
   * Deletes a bucket with its tables and their files, dev branches' copies of those tables
   * included (detached from DuckDB first). A bucket that other projects link is deleted only with
   * {@code force}, which removes those links too. Waits for imports and changes of its tables.
   */
  @Override public void delete(Principal principal, String projectId, String name, boolean force) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, name);
    if (bucket.isLinked()) {
      throw FloeException.invalid("'" + name + "' is a linked bucket; unlink it instead");
    }
    List<String> linkedBy = s.sharing().linksTo(bucket.source().id()).stream()
        .map(s::bucketById).flatMap(java.util.Optional::stream)
        .map(b -> b.projectId() + " (as " + b.name() + ")").toList();
    if (!linkedBy.isEmpty() && !force) {
      throw new FloeException(ErrorCode.OBJECT_IN_USE, "bucket '" + bucket.name()
          + "' is linked by project " + String.join(", ", linkedBy)
          + "; unshare it first or delete with force=true");
    }
    long bucketId = bucket.source().id();
    List<Long> tableIds = s.tables(bucketId).stream().map(TableDef::id).toList();
    tables.underWriteLocks(tableIds, () -> {
      CatalogSnapshot before = catalog.snapshot();
      catalog.mutate(tx -> {
        Catalog.deleteBucket(tx, bucketId);
        return null;
      });
      tables.dropFiles(before, before.tables(bucketId));
      storage.deleteDirectory(storage.bucketDir(projectId, bucket.source().name()));
      return null;
    });
  }
}
