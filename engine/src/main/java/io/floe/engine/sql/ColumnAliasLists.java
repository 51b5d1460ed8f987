package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.AliasNamespace;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.util.Util;

/**
 * Column alias lists as PostgreSQL reads them: {@code FROM (SELECT 42, 41 AS x) AS v(a)} names
 * only the first column (the others keep their names), where Calcite wants one alias per column.
 * The validator registers each aliased FROM item's namespace through {@link #namespace}, which
 * swaps Calcite's for one that takes a shorter list; a list longer than the columns is refused
 * in PostgreSQL's words.
 */
final class ColumnAliasLists {
  private ColumnAliasLists() {}

  /** {@code ns}, or, for a FROM item with a column alias list, one that takes a shorter list. */
  static SqlValidatorNamespace namespace(SqlValidatorImpl validator, SqlValidatorNamespace ns) {
    if (ns.getClass() == AliasNamespace.class && ns.getNode() instanceof SqlCall call
        && call.operandCount() > 2) {
      return new Partial(validator, call, ns.getEnclosingNode());
    }
    return ns;
  }

  /** An aliased FROM item whose alias list may name fewer columns than it has. */
  private static final class Partial extends AliasNamespace {
    Partial(SqlValidatorImpl validator, SqlCall call, SqlNode enclosingNode) {
      super(validator, call, enclosingNode);
    }

    @Override protected RelDataType validateImpl(RelDataType targetRowType) {
      List<SqlNode> aliases = Util.skip(call.getOperandList(), 2);
      RelDataType rowType = java.util.Objects.requireNonNull(validator.getNamespace(call.operand(0)),
          "namespace").getRowTypeSansSystemColumns();
      if (aliases.size() > rowType.getFieldCount()) {
        throw new FloeException(ErrorCode.INVALID_COLUMN_REFERENCE, "table \"" + call.operand(1)
            + "\" has " + rowType.getFieldCount() + " columns available but " + aliases.size()
            + " columns specified", null, null);
      }
      if (aliases.size() == rowType.getFieldCount()) {
        return super.validateImpl(targetRowType);
      }
      // Duplicates among the aliases, as Calcite reports them.
      validateDuplicates(aliases);
      RelDataTypeFactory.Builder named = validator.getTypeFactory().builder().kind(rowType.getStructKind());
      for (RelDataTypeField field : rowType.getFieldList()) {
        named.add(field.getIndex() < aliases.size()
            ? ((SqlIdentifier) aliases.get(field.getIndex())).getSimple() : field.getName(), field.getType());
      }
      return validator.getTypeFactory().createTypeWithNullability(named.build(), rowType.isNullable());
    }

    private void validateDuplicates(List<SqlNode> aliases) {
      int i = Util.firstDuplicate(SqlIdentifier.simpleNames(aliases));
      if (i >= 0) {
        throw validator.newValidationError(aliases.get(i),
            org.apache.calcite.util.Static.RESOURCE.aliasListDuplicate(
                ((SqlIdentifier) aliases.get(i)).getSimple()));
      }
    }
  }
}
