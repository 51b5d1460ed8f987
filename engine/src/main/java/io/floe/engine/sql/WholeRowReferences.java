package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlMoniker;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A FROM item's name used as a value ({@code SELECT t FROM t}): PostgreSQL answers a composite
 * value and DuckDB a struct, where Floe has no row-valued result column to answer with. It fails
 * with 0A000 and a hint to list the columns, rather than with "column does not exist". A column of
 * that name, where there is one, is the column as everywhere.
 */
final class WholeRowReferences {
  private WholeRowReferences() {}

  /** Fails if {@code expr}, a select item of {@code scope}, names a FROM item as a value. */
  static void check(SqlNode expr, SqlValidatorScope scope, SqlNameMatcher matcher) {
    expr.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier id) {
        if (id.isSimple() && !id.isStar() && namesFromItem(id, scope, matcher)) {
          String name = id.getSimple();
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "whole-row references are not supported: \""
              + name + "\" names a table, not a column", "List the columns instead: SELECT " + name
              + ".a, " + name + ".b, or " + name + ".* for all of them.", null);
        }
        return null;
      }

      @Override public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.SELECT || call.getKind() == SqlKind.UNION
            || call.getKind() == SqlKind.INTERSECT || call.getKind() == SqlKind.EXCEPT
            || call.getKind() == SqlKind.WITH || call.getKind() == SqlKind.VALUES) {
          return null; // a sub-query resolves its names in its own scope
        }
        if (call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.AS) {
          return call.operand(0).accept(this); // the window's name, the alias: no values
        }
        return super.visit(call);
      }
    });
  }

  /** Whether {@code id} is no column of the scope and is the alias of one of its FROM items. */
  private static boolean namesFromItem(SqlIdentifier id, SqlValidatorScope scope,
      SqlNameMatcher matcher) {
    String name = id.getSimple();
    if (!scope.findQualifyingTableNames(name, id, matcher).isEmpty()) {
      return false;
    }
    List<SqlMoniker> aliases = new ArrayList<>();
    scope.findAliases(aliases);
    return aliases.stream().map(SqlMoniker::getFullyQualifiedNames)
        .anyMatch(names -> names.size() == 1 && matcher.matches(names.get(0), name));
  }
}
