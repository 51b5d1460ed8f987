package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's type factory, except that text has no length where values meet: the common type of
 * {@code 'hello'} (CHAR(5)) and a longer text, in a UNION, CASE, COALESCE or recursive query, is
 * VARCHAR without a limit, as {@code text} in PostgreSQL and VARCHAR in DuckDB. Calcite would pick
 * VARCHAR(n) and cut longer values (a recursive query appending to a string stopped growing).
 *
 * <p>And a date plus or minus an interval with hours, minutes or seconds is a TIMESTAMP, as in
 * PostgreSQL and DuckDB; Calcite would make it a DATE and drop the time of day. Whole days, months
 * and years leave a date a DATE (docs/sql.md, "Dates and intervals").
 */
final class FloeTypeFactory extends JavaTypeFactoryImpl {
  FloeTypeFactory() {
    super(FloeTypeSystem.INSTANCE);
  }

  @Override public @Nullable RelDataType leastRestrictive(List<RelDataType> types) {
    if (types.size() == 2 && isDatePlusTime(types.get(0), types.get(1))
        || types.size() == 2 && isDatePlusTime(types.get(1), types.get(0))) {
      boolean nullable = types.get(0).isNullable() || types.get(1).isNullable();
      return createTypeWithNullability(createSqlType(SqlTypeName.TIMESTAMP), nullable);
    }
    RelDataType common = super.leastRestrictive(types);
    if (common == null || !SqlTypeUtil.isCharacter(common)
        || common.getSqlTypeName() == SqlTypeName.VARCHAR
        && common.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED) {
      return common;
    }
    boolean allSame = types.stream().allMatch(t -> t.equals(types.get(0)));
    if (allSame || common.getCharset() == null || common.getCollation() == null) {
      return common;
    }
    RelDataType text = createTypeWithCharsetAndCollation(createSqlType(SqlTypeName.VARCHAR),
        common.getCharset(), common.getCollation());
    return createTypeWithNullability(text, common.isNullable());
  }

  private static boolean isDatePlusTime(RelDataType date, RelDataType interval) {
    return date.getSqlTypeName() == SqlTypeName.DATE
        && SqlTypeName.DAY_INTERVAL_TYPES.contains(interval.getSqlTypeName())
        && interval.getSqlTypeName() != SqlTypeName.INTERVAL_DAY;
  }
}
