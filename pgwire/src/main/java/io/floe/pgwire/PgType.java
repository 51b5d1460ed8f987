package io.floe.pgwire;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL types Floe sends: OID, length, the array type and the names clients know them by.
 * Values of every type go out in text; the types pgjdbc, psycopg and pgx read in binary have a
 * binary form too ({@link PgValues}).
 */
enum PgType {
  BOOL(16, 1, 1000, "bool"),
  BYTEA(17, -1, 1001, "bytea"),
  CHAR(18, 1, 1002, "char"),
  NAME(19, 64, 1003, "name"),
  INT8(20, 8, 1016, "int8"),
  INT2(21, 2, 1005, "int2"),
  INT4(23, 4, 1007, "int4"),
  TEXT(25, -1, 1009, "text"),
  OID(26, 4, 1028, "oid"),
  JSON(114, -1, 199, "json"),
  FLOAT4(700, 4, 1021, "float4"),
  FLOAT8(701, 8, 1022, "float8"),
  UNKNOWN(705, -2, 0, "unknown"),
  BPCHAR(1042, -1, 1014, "bpchar"),
  VARCHAR(1043, -1, 1015, "varchar"),
  DATE(1082, 4, 1182, "date"),
  TIME(1083, 8, 1183, "time"),
  TIMESTAMP(1114, 8, 1115, "timestamp"),
  TIMESTAMPTZ(1184, 8, 1185, "timestamptz"),
  INTERVAL(1186, 16, 1187, "interval"),
  NUMERIC(1700, -1, 1231, "numeric"),
  UUID(2950, 16, 2951, "uuid"),
  JSONB(3802, -1, 3807, "jsonb"),
  INT2_ARRAY(1005, -1, 0, "_int2"),
  INT4_ARRAY(1007, -1, 0, "_int4"),
  INT8_ARRAY(1016, -1, 0, "_int8"),
  TEXT_ARRAY(1009, -1, 0, "_text"),
  OID_ARRAY(1028, -1, 0, "_oid"),
  FLOAT8_ARRAY(1022, -1, 0, "_float8"),
  VARCHAR_ARRAY(1015, -1, 0, "_varchar"),
  BOOL_ARRAY(1000, -1, 0, "_bool"),
  NAME_ARRAY(1003, -1, 0, "_name");

  private static final Map<Integer, PgType> BY_OID;

  static {
    java.util.HashMap<Integer, PgType> m = new java.util.HashMap<>();
    for (PgType t : values()) {
      m.putIfAbsent(t.oid, t);
    }
    BY_OID = Map.copyOf(m);
  }

  final int oid;
  final int length;
  final int arrayOid;
  final String pgName;

  PgType(int oid, int length, int arrayOid, String pgName) {
    this.oid = oid;
    this.length = length;
    this.arrayOid = arrayOid;
    this.pgName = pgName;
  }

  static PgType byOid(int oid) {
    return BY_OID.get(oid);
  }

  /** The type a Floe column type goes out as. */
  static PgType of(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> BOOL;
      case SMALLINT -> INT2;
      case INTEGER -> INT4;
      case BIGINT -> INT8;
      case REAL -> FLOAT4;
      case DOUBLE -> FLOAT8;
      case DECIMAL -> NUMERIC;
      case VARCHAR -> VARCHAR;
      case DATE -> DATE;
      case TIME -> TIME;
      case TIMESTAMP -> TIMESTAMP;
      case TIMESTAMPTZ -> TIMESTAMPTZ;
      case UUID -> UUID;
      case JSON -> JSON;
      case BLOB -> BYTEA;
    };
  }

  /** The typmod PostgreSQL reports: numeric {@code ((p << 16) | s) + 4}, else -1. */
  static int typmod(ColumnType type) {
    return type.name() == TypeName.DECIMAL ? ((type.precision() << 16) | type.scale()) + 4 : -1;
  }

  /**
   * The Floe type a client-declared parameter OID stands for, or null when it says nothing
   * (unspecified, unknown, or a type Floe has no column type for).
   */
  static ColumnType columnType(int oid) {
    PgType t = byOid(oid);
    if (t == null) {
      return null;
    }
    return switch (t) {
      case BOOL -> ColumnType.of(TypeName.BOOLEAN);
      case INT2 -> ColumnType.of(TypeName.SMALLINT);
      case INT4, OID -> ColumnType.of(TypeName.INTEGER);
      case INT8 -> ColumnType.of(TypeName.BIGINT);
      case FLOAT4 -> ColumnType.of(TypeName.REAL);
      case FLOAT8 -> ColumnType.of(TypeName.DOUBLE);
      case NUMERIC -> ColumnType.decimal(38, 10);
      case TEXT, VARCHAR, BPCHAR, NAME, CHAR -> ColumnType.of(TypeName.VARCHAR);
      case DATE -> ColumnType.of(TypeName.DATE);
      case TIME -> ColumnType.of(TypeName.TIME);
      case TIMESTAMP -> ColumnType.of(TypeName.TIMESTAMP);
      case TIMESTAMPTZ -> ColumnType.of(TypeName.TIMESTAMPTZ);
      case UUID -> ColumnType.of(TypeName.UUID);
      case JSON, JSONB -> ColumnType.of(TypeName.JSON);
      case BYTEA -> ColumnType.of(TypeName.BLOB);
      default -> null;
    };
  }

  /**
   * The type of a column of a DuckDB result (the catalog mirror's), by DuckDB's type name. Lists
   * become PostgreSQL arrays; types PostgreSQL lacks go out as text.
   */
  static PgType ofDuckDb(String duckDbType) {
    String t = duckDbType == null ? "" : duckDbType.toUpperCase(Locale.ROOT);
    if (t.endsWith("[]")) {
      String element = t.substring(0, t.length() - 2);
      return switch (ofDuckDb(element)) {
        case INT2 -> INT2_ARRAY;
        case INT4 -> INT4_ARRAY;
        case INT8 -> INT8_ARRAY;
        case FLOAT8, FLOAT4 -> FLOAT8_ARRAY;
        case BOOL -> BOOL_ARRAY;
        default -> TEXT_ARRAY;
      };
    }
    if (t.startsWith("DECIMAL")) {
      return NUMERIC;
    }
    return switch (t) {
      case "BOOLEAN" -> BOOL;
      case "TINYINT", "SMALLINT", "UTINYINT" -> INT2;
      case "INTEGER", "USMALLINT" -> INT4;
      case "BIGINT", "UINTEGER" -> INT8;
      case "HUGEINT", "UBIGINT", "UHUGEINT" -> NUMERIC;
      case "FLOAT", "REAL" -> FLOAT4;
      case "DOUBLE" -> FLOAT8;
      case "DATE" -> DATE;
      case "TIME" -> TIME;
      case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> TIMESTAMP;
      case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> TIMESTAMPTZ;
      case "INTERVAL" -> INTERVAL;
      case "UUID" -> UUID;
      case "BLOB" -> BYTEA;
      case "JSON" -> JSON;
      default -> TEXT;
    };
  }

  boolean isArray() {
    return name().endsWith("_ARRAY");
  }
}
