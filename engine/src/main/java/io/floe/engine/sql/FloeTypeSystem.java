package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Floe's type system: DECIMAL up to 38 digits, microsecond TIME and TIMESTAMP, unbounded VARCHAR,
 * and aggregate result types that match what DuckDB computes (so a pushed-down query and its
 * declared row type agree). Calcite's default caps DECIMAL at 19 and timestamps at milliseconds,
 * which silently truncates values (research §1.5).
 */
public final class FloeTypeSystem extends RelDataTypeSystemImpl {
  public static final FloeTypeSystem INSTANCE = new FloeTypeSystem();

  static final int MAX_DECIMAL = 38;
  static final int TIME_PRECISION = 6;

  private FloeTypeSystem() {}

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    switch (typeName) {
    case DECIMAL:
      return MAX_DECIMAL;
    case TIME:
    case TIME_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP:
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP_TZ:
      return TIME_PRECISION;
    case VARCHAR:
    case VARBINARY:
      return Integer.MAX_VALUE;
    default:
      return super.getMaxPrecision(typeName);
    }
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
  }

  @Override public int getDefaultPrecision(SqlTypeName typeName) {
    switch (typeName) {
    case TIME:
    case TIME_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP:
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP_TZ:
      return TIME_PRECISION;
    case DECIMAL:
      return MAX_DECIMAL;
    default:
      return super.getDefaultPrecision(typeName);
    }
  }

  /** Digits dropped by a cast or an operation round half away from zero, as in DuckDB and PostgreSQL. */
  @Override public java.math.RoundingMode roundingMode() {
    return java.math.RoundingMode.HALF_UP;
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  /**
   * A division with a DECIMAL operand is a DOUBLE, as DuckDB computes it (PostgreSQL would keep a
   * NUMERIC); declaring a DECIMAL here would promise digits DuckDB's double does not have.
   */
  @Override public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory,
      RelDataType type1, RelDataType type2) {
    if (SqlTypeUtil.isExactNumeric(type1) && SqlTypeUtil.isExactNumeric(type2)
        && (SqlTypeUtil.isDecimal(type1) || SqlTypeUtil.isDecimal(type2))) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
          type1.isNullable() || type2.isNullable());
    }
    return super.deriveDecimalDivideType(typeFactory, type1, type2);
  }

  /** SUM as DuckDB computes it: integers widen to BIGINT (BIGINT to DECIMAL(38,0)), decimals to 38 digits. */
  @Override public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    switch (name) {
    case TINYINT:
    case SMALLINT:
    case INTEGER:
      return nullableAs(typeFactory, typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType);
    case BIGINT:
      return nullableAs(typeFactory,
          typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, 0), argumentType);
    case DECIMAL:
      return nullableAs(typeFactory,
          typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, argumentType.getScale()),
          argumentType);
    case REAL:
    case FLOAT:
      return nullableAs(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType);
    default:
      return super.deriveSumType(typeFactory, argumentType);
    }
  }

  /** AVG of an exact number is DOUBLE in DuckDB. */
  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory,
      RelDataType argumentType) {
    if (SqlTypeName.NUMERIC_TYPES.contains(argumentType.getSqlTypeName())) {
      return nullableAs(typeFactory, typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType);
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  /** Standard deviation and variance are DOUBLE in DuckDB. */
  @Override public RelDataType deriveCovarType(RelDataTypeFactory typeFactory, RelDataType arg0,
      RelDataType arg1) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
        arg0.isNullable() || arg1.isNullable());
  }

  private static RelDataType nullableAs(RelDataTypeFactory typeFactory, RelDataType type,
      RelDataType like) {
    return typeFactory.createTypeWithNullability(type, like.isNullable());
  }
}
