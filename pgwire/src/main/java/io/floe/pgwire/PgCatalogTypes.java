package io.floe.pgwire;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the mirror's {@code pg_type}: PostgreSQL's built-in types that clients look up by
 * OID or name (pgjdbc's type cache, DBeaver's type list, psql's format_type), each with its array
 * type. Values follow PostgreSQL 16's own catalog.
 */
final class PgCatalogTypes {
  private PgCatalogTypes() {}

  /** oid, name, len, category, array oid, input function prefix. */
  private static final Object[][] BASE = {
      {16, "bool", 1, "B", 1000, "bool"}, {17, "bytea", -1, "U", 1001, "bytea"},
      {18, "char", 1, "Z", 1002, "char"}, {19, "name", 64, "S", 1003, "name"},
      {20, "int8", 8, "N", 1016, "int8"}, {21, "int2", 2, "N", 1005, "int2"},
      {22, "int2vector", -1, "A", 1006, "int2vector"}, {23, "int4", 4, "N", 1007, "int4"},
      {24, "regproc", 4, "N", 1008, "regproc"}, {25, "text", -1, "S", 1009, "text"},
      {26, "oid", 4, "N", 1028, "oid"}, {27, "tid", 6, "U", 1010, "tid"},
      {28, "xid", 4, "U", 1011, "xid"}, {29, "cid", 4, "U", 1012, "cid"},
      {30, "oidvector", -1, "A", 1013, "oidvector"}, {114, "json", -1, "U", 199, "json"},
      {142, "xml", -1, "U", 143, "xml"}, {600, "point", 16, "G", 1017, "point"},
      {650, "cidr", -1, "I", 651, "cidr"}, {700, "float4", 4, "N", 1021, "float4"},
      {701, "float8", 8, "N", 1022, "float8"}, {705, "unknown", -2, "X", 0, "unknown"},
      {790, "money", 8, "N", 791, "cash"}, {829, "macaddr", 6, "U", 1040, "macaddr"},
      {869, "inet", -1, "I", 1041, "inet"}, {1042, "bpchar", -1, "S", 1014, "bpchar"},
      {1043, "varchar", -1, "S", 1015, "varchar"}, {1082, "date", 4, "D", 1182, "date"},
      {1083, "time", 8, "D", 1183, "time"}, {1114, "timestamp", 8, "D", 1115, "timestamp"},
      {1184, "timestamptz", 8, "D", 1185, "timestamptz"},
      {1186, "interval", 16, "T", 1187, "interval"}, {1266, "timetz", 12, "D", 1270, "timetz"},
      {1560, "bit", -1, "V", 1561, "bit"}, {1562, "varbit", -1, "V", 1563, "varbit"},
      {1700, "numeric", -1, "N", 1231, "numeric"}, {1790, "refcursor", -1, "U", 2201, "refcursor"},
      {2202, "regprocedure", 4, "N", 2207, "regprocedure"},
      {2205, "regclass", 4, "N", 2210, "regclass"}, {2206, "regtype", 4, "N", 2211, "regtype"},
      {2950, "uuid", 16, "U", 2951, "uuid"}, {3802, "jsonb", -1, "U", 3807, "jsonb"},
      {4089, "regnamespace", 4, "N", 4090, "regnamespace"},
      {4096, "regrole", 4, "N", 4097, "regrole"}};

  /** Pseudo-types: oid, name. */
  private static final Object[][] PSEUDO = {{2249, "record"}, {2275, "cstring"}, {2276, "any"},
      {2277, "anyarray"}, {2278, "void"}, {2279, "trigger"}, {2283, "anyelement"},
      {2776, "anynonarray"}, {3500, "anyenum"}, {3831, "anyrange"}};

  /** Rows in pg_type's column order. */
  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (Object[] b : BASE) {
      int oid = (Integer) b[0];
      String name = (String) b[1];
      int len = (Integer) b[2];
      String category = (String) b[3];
      int array = (Integer) b[4];
      String io = (String) b[5];
      rows.add(row(oid, name, len, "b", category, 0, array, io + "in", io + "out", io + "recv",
          io + "send", name.equals("varchar") || name.equals("bpchar") || name.equals("text")
              || name.equals("name") ? 100 : 0));
      if (array != 0) {
        rows.add(row(array, "_" + name, -1, "b", "A", oid, 0, "array_in", "array_out", "array_recv",
            "array_send", 0));
      }
    }
    for (Object[] p : PSEUDO) {
      String name = (String) p[1];
      rows.add(row((Integer) p[0], name, name.equals("void") ? 4 : -1, "p", "P", 0, 0,
          name + "_in", name + "_out", "-", "-", 0));
    }
    return rows;
  }

  private static Object[] row(int oid, String name, int len, String type, String category,
      int elem, int array, String in, String out, String recv, String send, int collation) {
    boolean byVal = len > 0 && len <= 8 && !name.equals("name");
    String align = len == 8 ? "d" : len == 2 ? "s" : len == 1 ? "c" : "i";
    return new Object[] {oid, name, PgCatalogRows.PG_CATALOG, PgCatalogRows.ROLE_OID, (short) len,
        byVal, type, category, name.equals("text") || name.equals("float8") || name.equals("bool"),
        true, ",", 0, elem != 0 ? "array_subscript_handler" : "-", elem, array, in, out, recv,
        send, "-", "-", "-", align, len < 0 ? "x" : "p", false, 0, -1, 0, collation, null, null,
        null};
  }
}
