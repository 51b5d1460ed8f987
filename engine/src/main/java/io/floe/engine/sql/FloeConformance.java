package io.floe.engine.sql;

import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Babel's lenient conformance, without what the flavour's own database does not do: PostgreSQL does
 * not let a select item refer to another item's alias (Snowflake does).
 */
final class FloeConformance extends SqlDelegatingConformance {
  static final SqlConformance POSTGRES = new FloeConformance(false);
  static final SqlConformance SNOWFLAKE = new FloeConformance(true);

  private final boolean selectAliases;

  private FloeConformance(boolean selectAliases) {
    super(SqlConformanceEnum.BABEL);
    this.selectAliases = selectAliases;
  }

  @Override public SelectAliasLookup isSelectAlias() {
    return selectAliases ? super.isSelectAlias() : SelectAliasLookup.UNSUPPORTED;
  }
}
