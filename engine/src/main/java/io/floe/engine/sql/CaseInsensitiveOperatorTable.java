package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Function names match regardless of case, whatever the identifier rules for tables and columns are
 * ({@code count}, {@code COUNT} and {@code Count} are one function).
 */
final class CaseInsensitiveOperatorTable implements SqlOperatorTable {
  private static final SqlNameMatcher IGNORE_CASE = SqlNameMatchers.withCaseSensitive(false);

  private final SqlOperatorTable delegate;

  CaseInsensitiveOperatorTable(SqlOperatorTable delegate) {
    this.delegate = delegate;
  }

  @Override public void lookupOperatorOverloads(SqlIdentifier opName,
      @Nullable SqlFunctionCategory category, SqlSyntax syntax, List<SqlOperator> operatorList,
      SqlNameMatcher nameMatcher) {
    delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, IGNORE_CASE);
  }

  @Override public List<SqlOperator> getOperatorList() {
    return delegate.getOperatorList();
  }
}
