package io.floe.engine.sql;

import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Babel's lenient conformance, without what the flavour's own database does not do: PostgreSQL does
 * not let a select item refer to another item's alias (Snowflake does), and neither database lets
 * an aggregate query select a column it does not group by (Babel would wrap it in
 * {@code ANY_VALUE}, which turns a constant beside an aggregate into NULL over no rows).
 */
final class FloeConformance extends SqlDelegatingConformance {
  static final SqlConformance POSTGRES = new FloeConformance(false);
  static final SqlConformance SNOWFLAKE = new FloeConformance(true);

  private final boolean selectAliases;

  private FloeConformance(boolean selectAliases) {
    super(SqlConformanceEnum.BABEL);
    this.selectAliases = selectAliases;
  }

  @Override public boolean isNonStrictGroupBy() {
    return false;
  }

  @Override public SelectAliasLookup isSelectAlias() {
    return selectAliases ? super.isSelectAlias() : SelectAliasLookup.UNSUPPORTED;
  }
}
