package io.floe.engine.sql;

import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps catalog column types to Calcite types and Calcite result types back to the types Floe reports
 * to clients. UUID and JSON are strings to Calcite (DuckDB compares and casts them from strings);
 * TIMESTAMPTZ is an instant, Calcite's {@code TIMESTAMP WITH LOCAL TIME ZONE}.
 */
public final class TypeMapping {
  private TypeMapping() {}

  public static RelDataType toRelType(RelDataTypeFactory f, ColumnType type, boolean nullable) {
    RelDataType t = switch (type.name()) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case REAL -> f.createSqlType(SqlTypeName.REAL);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
      case VARCHAR, JSON -> f.createSqlType(SqlTypeName.VARCHAR);
      case UUID -> f.createSqlType(SqlTypeName.VARCHAR, 36);
      case DATE -> f.createSqlType(SqlTypeName.DATE);
      case TIME -> f.createSqlType(SqlTypeName.TIME, FloeTypeSystem.TIME_PRECISION);
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, FloeTypeSystem.TIME_PRECISION);
      case TIMESTAMPTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
          FloeTypeSystem.TIME_PRECISION);
      case BLOB -> f.createSqlType(SqlTypeName.VARBINARY);
    };
    return f.createTypeWithNullability(t, nullable);
  }

  /** A table's row type: primary-key columns are NOT NULL, as DuckDB's table says. */
  public static RelDataType rowType(RelDataTypeFactory f, io.floe.engine.api.catalog.TableDef table) {
    RelDataTypeFactory.Builder b = f.builder();
    for (ColumnDef c : table.columns()) {
      b.add(c.name(), toRelType(f, c.type(), c.nullable() && !table.primaryKey().contains(c.name())));
    }
    return b.build();
  }

  public static RelDataType rowType(RelDataTypeFactory f, List<ColumnDef> columns) {
    RelDataTypeFactory.Builder b = f.builder();
    for (ColumnDef c : columns) {
      b.add(c.name(), toRelType(f, c.type(), c.nullable()));
    }
    return b.build();
  }

  /**
   * The type a result column is reported as. Types no front-end carries natively (intervals, arrays,
   * maps, rows) are reported as VARCHAR and their values sent as text.
   */
  public static ColumnType resultType(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case BOOLEAN -> ColumnType.of(TypeName.BOOLEAN);
      case TINYINT, SMALLINT -> ColumnType.of(TypeName.SMALLINT);
      case INTEGER -> ColumnType.of(TypeName.INTEGER);
      case BIGINT -> ColumnType.of(TypeName.BIGINT);
      case REAL -> ColumnType.of(TypeName.REAL);
      case FLOAT, DOUBLE -> ColumnType.of(TypeName.DOUBLE);
      case DECIMAL -> ColumnType.decimal(Math.max(1, Math.min(type.getPrecision(), 38)),
          Math.max(0, Math.min(type.getScale(), Math.min(type.getPrecision(), 38))));
      case DATE -> ColumnType.of(TypeName.DATE);
      case TIME, TIME_WITH_LOCAL_TIME_ZONE -> ColumnType.of(TypeName.TIME);
      case TIMESTAMP -> ColumnType.of(TypeName.TIMESTAMP);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> ColumnType.of(TypeName.TIMESTAMPTZ);
      case BINARY, VARBINARY -> ColumnType.of(TypeName.BLOB);
      case UUID -> ColumnType.of(TypeName.UUID);
      default -> ColumnType.of(TypeName.VARCHAR);
    };
  }

  /** True when values of this Calcite type must be turned into text to reach clients. */
  public static boolean needsTextConversion(RelDataType type) {
    return resultType(type).name() == TypeName.VARCHAR
        && !SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName());
  }
}
