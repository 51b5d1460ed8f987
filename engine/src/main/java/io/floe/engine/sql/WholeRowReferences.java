package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlMoniker;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A FROM item's name used as a value ({@code SELECT t FROM t}), PostgreSQL's whole-row reference:
 * the row of the item's columns, {@code ROW(t.a, t.b)}, written in a result as every row is,
 * {@code (1, x)} (DuckDB answers a struct with named fields). A column of that name, where there is
 * one, is the column as everywhere. A row of one column stays a row (written {@code (1,)}), as in
 * PostgreSQL.
 */
final class WholeRowReferences {
  private WholeRowReferences() {}

  /** {@code expr}, a select item of {@code scope}, with each FROM item named as a value as its row. */
  static SqlNode expand(SqlNode expr, SqlValidatorScope scope, SqlNameMatcher matcher) {
    SqlNode expanded = expr.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        if (!id.isSimple() || id.isStar() || !namesFromItem(id, scope, matcher)) {
          return id;
        }
        SqlValidatorScope.ResolvedImpl resolved = new SqlValidatorScope.ResolvedImpl();
        scope.resolve(List.of(id.getSimple()), matcher, false, resolved);
        if (resolved.count() != 1) {
          return id;
        }
        List<SqlNode> fields = new ArrayList<>();
        for (RelDataTypeField f : resolved.only().namespace.getRowType().getFieldList()) {
          fields.add(new SqlIdentifier(List.of(id.getSimple(), f.getName()), id.getParserPosition()));
        }
        return SqlStdOperatorTable.ROW.createCall(id.getParserPosition(), fields);
      }

      @Override public @Nullable SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.SELECT || call.getKind() == SqlKind.UNION
            || call.getKind() == SqlKind.INTERSECT || call.getKind() == SqlKind.EXCEPT
            || call.getKind() == SqlKind.WITH || call.getKind() == SqlKind.VALUES
            || call.getKind() == SqlKind.OVER) {
          return call; // a sub-query resolves its names in its own scope; a window's name is none
        }
        if (call.getKind() == SqlKind.AS) {
          SqlNode value = call.operand(0).accept(this);
          return value == call.operand(0) ? call
              : call.getOperator().createCall(call.getParserPosition(), value, call.operand(1));
        }
        return super.visit(call);
      }
    });
    return expanded == null ? expr : expanded;
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
