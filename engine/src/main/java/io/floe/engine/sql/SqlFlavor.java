package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;

/**
 * The SQL dialect a front-end speaks: how it parses (identifier folding, quoting) and which function
 * libraries it validates against. Translation into DuckDB SQL is the same for all of them.
 */
public enum SqlFlavor {
  /** PostgreSQL-like: unquoted identifiers fold to lower case. JDBC and the PostgreSQL wire. */
  POSTGRES(Casing.TO_LOWER, FloeConformance.POSTGRES,
      List.of(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL), List.of()),
  /** Snowflake-like: unquoted identifiers fold to upper case. */
  SNOWFLAKE(Casing.TO_UPPER, FloeConformance.SNOWFLAKE, List.of(SqlLibrary.STANDARD, SqlLibrary.SNOWFLAKE,
      SqlLibrary.ORACLE, SqlLibrary.POSTGRESQL),
      List.of(org.apache.calcite.sql.fun.SqlLibraryOperators.TRY_CAST, SnowflakeFunctions.DATE_DIFF,
          SnowflakeFunctions.STRFTIME, SnowflakeFunctions.STRPTIME, SnowflakeFunctions.TRY_STRPTIME,
          SnowflakeFunctions.REGEXP_REPLACE_ALL, SnowflakeFunctions.SHA256));

  private final SqlParser.Config parserConfig;
  private final SqlOperatorTable operatorTable;

  SqlFlavor(Casing unquotedCasing, SqlConformance conformance, List<SqlLibrary> libraries,
      List<org.apache.calcite.sql.SqlOperator> own) {
    this.parserConfig = SqlParser.config()
        .withParserFactory(SqlBabelParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(unquotedCasing)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(true)
        .withConformance(conformance)
        .withIdentifierMaxLength(256);
    this.operatorTable = new CaseInsensitiveOperatorTable(SqlOperatorTables.chain(
        SqlOperatorTables.of(DateTruncFunction.INSTANCE, TruncFunction.INSTANCE, WindowFrames.GROUPS,
            AtTimeZone.TIMEZONE, WindowKeyQueries.KEY),
        SqlOperatorTables.of(ScalarFunctions.ALL),
        SqlOperatorTables.of(PostgresFunctions.ALL),
        SqlOperatorTables.of(RuntimeErrors.RAISE),
        SqlOperatorTables.of(StatisticalAggregates.ALL),
        SqlOperatorTables.of(own),
        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(libraries)));
  }

  public SqlParser.Config parserConfig() {
    return parserConfig;
  }

  public SqlOperatorTable operatorTable() {
    return operatorTable;
  }
}
