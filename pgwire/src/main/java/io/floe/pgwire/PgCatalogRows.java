package io.floe.pgwire;

import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.ListedColumn;
import io.floe.engine.api.catalog.ListedSchema;
import io.floe.engine.api.catalog.ListedTable;
import io.floe.engine.api.catalog.TypeDescription;
import io.floe.engine.api.catalog.WorkspaceDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the catalog mirror, presenting one principal's {@link CatalogListing}: exactly the
 * schemas (buckets and {@code public}), tables, views, columns, primary keys and descriptions that
 * principal may see, with PostgreSQL's type OIDs and {@code atttypmod} encoding.
 *
 * <p>OIDs: {@code public} is 2200 as in PostgreSQL, buckets 900000+; a workspace object's oid is
 * 16383 + its catalog id (the first one gets 16384, like PostgreSQL's first user table), its key
 * index 600000 + 2·id; a project table's oid is 1000000 + 3·id, its key index and constraint the
 * next two.
 */
final class PgCatalogRows {
  static final int ROLE_OID = 10;
  static final int PG_CATALOG = 11;
  static final int PUBLIC = 2200;
  static final int INFORMATION_SCHEMA = 13183;
  static final int DATABASE_OID = 16381;

  /** A listed table or view with the OIDs the mirror gives it. */
  record Relation(int oid, int namespace, String schema, ListedTable table, int indexOid,
      int constraintOid) {
    String name() {
      return table.name();
    }

    char kind() {
      return table.isView() ? 'v' : 'r';
    }

    List<ListedColumn> columns() {
      return table.columns();
    }

    List<String> primaryKey() {
      return table.primaryKey();
    }
  }

  final Map<String, Integer> namespaces = new LinkedHashMap<>();
  final List<Relation> relations = new ArrayList<>();
  final String database;
  final String user;

  PgCatalogRows(CatalogListing listing, String database, String user) {
    this.database = database;
    this.user = user;
    namespaces.put("pg_catalog", PG_CATALOG);
    namespaces.put("information_schema", INFORMATION_SCHEMA);
    List<ListedSchema> schemas = listing.schemas().stream()
        .sorted(Comparator.comparing(ListedSchema::name)).toList();
    int next = 900_000;
    for (ListedSchema s : schemas) {
      namespaces.put(s.name(), s.isWorkspace() ? PUBLIC : next++);
    }
    namespaces.putIfAbsent(WorkspaceDef.SCHEMA, PUBLIC);
    for (ListedSchema s : schemas) {
      for (ListedTable t : s.tables()) {
        if (s.isWorkspace()) {
          int oid = 16_383 + (int) t.id();
          relations.add(new Relation(oid, PUBLIC, s.name(), t, 600_000 + 2 * (int) t.id(),
              600_001 + 2 * (int) t.id()));
        } else {
          int oid = 1_000_000 + 3 * (int) t.id();
          relations.add(new Relation(oid, namespaces.get(s.name()), s.name(), t, oid + 1, oid + 2));
        }
      }
    }
    relations.sort(Comparator.comparing(Relation::schema).thenComparing(Relation::name));
  }

  // ---- rows, one list of values per row, in the mirror tables' column order -----------------

  List<Object[]> namespaceRows() {
    List<Object[]> rows = new ArrayList<>();
    namespaces.forEach((name, oid) -> rows.add(new Object[] {oid, name, ROLE_OID, null}));
    return rows;
  }

  List<Object[]> classRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      boolean hasPk = !r.primaryKey().isEmpty();
      rows.add(new Object[] {r.oid(), r.name(), r.namespace(), 0, 0, ROLE_OID,
          r.kind() == 'v' ? 0 : 2, r.oid(), 0, 0, -1f, 0, 0, hasPk, false, "p",
          String.valueOf(r.kind()), (short) r.columns().size(), (short) 0, r.kind() == 'v', false,
          false, false, false, true, "d", false, 0, 0, 0, null, null, null});
      if (hasPk) {
        rows.add(new Object[] {r.indexOid(), r.table().primaryKeyName(), r.namespace(), 0, 0,
            ROLE_OID, 403,
            r.indexOid(), 0, 0, -1f, 0, 0, false, false, "p", "i",
            (short) r.primaryKey().size(), (short) 0, false, false, false, false, false, true, "n",
            false, 0, 0, 0, null, null, null});
      }
    }
    return rows;
  }

  List<Object[]> attributeRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      for (ListedColumn c : r.columns()) {
        ColumnType type = c.type().type();
        rows.add(attribute(r.oid(), c.name(), PgType.of(type), (short) c.ordinal(),
            PgType.typmod(type), !c.nullable()));
      }
      for (int k = 0; k < r.primaryKey().size(); k++) {
        ListedColumn c = r.table().column(r.primaryKey().get(k)).orElseThrow();
        ColumnType type = c.type().type();
        rows.add(attribute(r.indexOid(), c.name(), PgType.of(type), (short) (k + 1),
            PgType.typmod(type), true));
      }
    }
    return rows;
  }

  private static Object[] attribute(int rel, String name, PgType t, short num, int typmod,
      boolean notNull) {
    boolean byVal = t.length > 0 && t.length <= 8;
    return new Object[] {rel, name, t.oid, -1, (short) t.length, num, 0, -1, typmod, byVal,
        t.length == 8 ? "d" : t.length == 2 ? "s" : t.length == 1 ? "c" : "i",
        t.length < 0 ? "x" : "p", "", notNull, false, false, "", "", false, true, 0,
        t == PgType.VARCHAR || t == PgType.TEXT ? 100 : 0, null, null, null, null};
  }

  static int attnum(Relation r, String name) {
    return r.table().column(name).map(ListedColumn::ordinal).orElse(0);
  }

  List<Object[]> indexRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.primaryKey().isEmpty()) {
        continue;
      }
      int n = r.primaryKey().size();
      List<Short> keys = r.primaryKey().stream().map(k -> (short) attnum(r, k)).toList();
      List<Short> options = java.util.Collections.nCopies(n, (short) 0);
      List<Integer> zeros = java.util.Collections.nCopies(n, 0);
      rows.add(new Object[] {r.indexOid(), r.oid(), (short) n, (short) n, true, false, true,
          false, true, false, true, false, true, true, false, keys, zeros, zeros, options, null,
          null});
    }
    return rows;
  }

  List<Object[]> constraintRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.primaryKey().isEmpty()) {
        continue;
      }
      List<Short> keys = r.primaryKey().stream().map(k -> (short) attnum(r, k)).toList();
      rows.add(new Object[] {r.constraintOid(), r.table().primaryKeyName(), r.namespace(), "p", false,
          false, true, r.oid(), 0, r.indexOid(), 0, 0, " ", " ", " ", true, 0, true, keys, null,
          null, null, null, null, null, null,
          "PRIMARY KEY (" + String.join(", ", r.primaryKey().stream().map(PgCatalogRows::quote).toList()) + ")"});
    }
    return rows;
  }

  List<Object[]> indexDefinitionRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (!r.primaryKey().isEmpty()) {
        List<String> cols = r.primaryKey().stream().map(PgCatalogRows::quote).toList();
        rows.add(new Object[] {r.indexOid(), "CREATE UNIQUE INDEX " + quote(r.table().primaryKeyName())
            + " ON " + quote(r.schema()) + "." + quote(r.name()) + " USING btree ("
            + String.join(", ", cols) + ")", cols});
      }
    }
    return rows;
  }

  List<Object[]> viewRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.kind() == 'v') {
        rows.add(new Object[] {r.oid(), " " + r.table().viewDefinition() + ";"});
      }
    }
    return rows;
  }

  List<Object[]> descriptionRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.table().description() != null) {
        rows.add(new Object[] {r.oid(), 1259, 0, r.table().description()});
      }
      for (ListedColumn c : r.columns()) {
        if (c.description() != null) {
          rows.add(new Object[] {r.oid(), 1259, c.ordinal(), c.description()});
        }
      }
    }
    return rows;
  }

  List<Object[]> databaseRows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {DATABASE_OID, database, ROLE_OID, 6, "c", false, true, -1, 0, 0, 1663,
        "C", "C", null, null, null, null});
    return rows;
  }

  List<Object[]> roleRows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {ROLE_OID, user, false, true, false, false, true, false, false, -1,
        null, null, null});
    return rows;
  }

  // ---- information_schema -------------------------------------------------------------------

  List<Object[]> schemataRows() {
    List<Object[]> rows = new ArrayList<>();
    namespaces.keySet().forEach(n -> rows.add(new Object[] {database, n, user, null, null, null, null}));
    return rows;
  }

  List<Object[]> tableRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      boolean own = r.namespace() == PUBLIC && r.kind() == 'r';
      rows.add(new Object[] {database, r.schema(), r.name(), r.kind() == 'v' ? "VIEW" : "BASE TABLE",
          null, null, null, null, null, own ? "YES" : "NO", "NO", null});
    }
    return rows;
  }

  List<Object[]> columnRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      for (ListedColumn c : r.columns()) {
        TypeDescription t = c.type();
        Object[] row = new Object[44];
        row[0] = database;
        row[1] = r.schema();
        row[2] = r.name();
        row[3] = c.name();
        row[4] = c.ordinal();
        row[6] = c.nullable() ? "YES" : "NO";
        row[7] = t.pgDataType();
        row[10] = t.numericPrecision();
        row[11] = t.numericPrecisionRadix();
        row[12] = t.numericScale();
        row[13] = t.datetimePrecision();
        row[25] = database;
        row[26] = "pg_catalog";
        row[27] = PgType.of(t.type()).pgName;
        row[32] = String.valueOf(c.ordinal());
        row[33] = "NO";
        row[34] = "NO";
        row[41] = "NEVER";
        row[43] = r.namespace() == PUBLIC && r.kind() == 'r' ? "YES" : "NO";
        rows.add(row);
      }
    }
    return rows;
  }

  List<Object[]> viewDefinitionRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.kind() == 'v') {
        rows.add(new Object[] {database, r.schema(), r.name(), r.table().viewDefinition(), "NONE", "NO",
            "NO", "NO", "NO", "NO"});
      }
    }
    return rows;
  }

  List<Object[]> tableConstraintRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (!r.primaryKey().isEmpty()) {
        rows.add(new Object[] {database, r.schema(), r.table().primaryKeyName(), database,
            r.schema(), r.name(), "PRIMARY KEY", "NO", "NO", "YES", null});
      }
    }
    return rows;
  }

  List<Object[]> keyColumnRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      for (int k = 0; k < r.primaryKey().size(); k++) {
        rows.add(new Object[] {database, r.schema(), r.table().primaryKeyName(), database,
            r.schema(), r.name(), r.primaryKey().get(k), k + 1, null});
      }
    }
    return rows;
  }

  static String quote(String identifier) {
    return identifier.matches("[a-z_][a-z0-9_]*") ? identifier
        : '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
