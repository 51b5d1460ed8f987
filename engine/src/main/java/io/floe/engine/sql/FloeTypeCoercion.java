package io.floe.engine.sql;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit coercions, plus PostgreSQL's (and DuckDB's) date arithmetic with whole
 * numbers of days: {@code d + 7}, {@code 7 + d} and {@code d - 7} are dates, computed as
 * {@code d + 7 * INTERVAL '1' DAY}, which both Calcite and DuckDB evaluate.
 */
final class FloeTypeCoercion extends TypeCoercionImpl {
  FloeTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    SqlKind kind = binding.getOperator().getKind();
    if ((kind == SqlKind.PLUS || kind == SqlKind.MINUS) && binding.getOperandCount() == 2) {
      RelDataType left = binding.getOperandType(0);
      RelDataType right = binding.getOperandType(1);
      if (isDate(left) && isWholeNumber(right)) {
        return days(binding, 1);
      }
      if (kind == SqlKind.PLUS && isWholeNumber(left) && isDate(right)) {
        return days(binding, 0);
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }

  /**
   * A long IN list of constants ({@link InLists}) takes Calcite's implicit casts for IN: they are
   * made on the same call under Calcite's own operator, and the cast value is taken back.
   */
  @Override public boolean inOperationCoercion(SqlCallBinding binding) {
    SqlCall call = binding.getCall();
    if (!(call.getOperator() instanceof InLists.ListIn list)) {
      return super.inOperationCoercion(binding);
    }
    SqlCall calcites = list.asCalcites(call);
    boolean coerced = super.inOperationCoercion(new SqlCallBinding(validator, binding.getScope(),
        calcites));
    call.setOperand(0, calcites.operand(0));
    call.setOperand(1, calcites.operand(1));
    return coerced;
  }

  /**
   * A quoted literal among the branches of a CASE (and so of COALESCE and NULLIF) takes the type of
   * the other branches, as an untyped literal does in PostgreSQL and DuckDB: {@code coalesce(1, '1')}
   * is an INTEGER, where Calcite would make every branch text.
   */
  @Override public boolean caseWhenCoercion(SqlCallBinding binding) {
    SqlCase call = (SqlCase) binding.getCall();
    SqlValidatorScope scope = binding.getScope();
    SqlNodeList thens = call.getThenOperands();
    SqlNode otherwise = call.getElseOperand();
    List<SqlNode> branches = new ArrayList<>(thens.getList());
    if (otherwise != null) {
      branches.add(otherwise);
    }
    List<RelDataType> typed = new ArrayList<>();
    boolean quoted = false;
    for (SqlNode branch : branches) {
      if (isQuotedLiteral(branch)) {
        quoted = true;
      } else if (!SqlUtil.isNullLiteral(branch, false)) {
        typed.add(validator.deriveType(scope, branch));
      }
    }
    RelDataType common = typed.isEmpty() ? null : factory.leastRestrictive(typed);
    if (!quoted || common == null || SqlTypeUtil.isCharacter(common)) {
      return super.caseWhenCoercion(binding);
    }
    boolean coerced = false;
    for (int i = 0; i < thens.size(); i++) {
      if (isQuotedLiteral(thens.get(i))) {
        coerced |= coerceColumnType(scope, thens, i, common);
      }
    }
    if (otherwise != null && isQuotedLiteral(otherwise)) {
      coerced |= coerceOperandType(scope, call, 3, common);
    }
    return coerced;
  }

  private static boolean isQuotedLiteral(SqlNode node) {
    return node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.CHAR;
  }

  private static boolean isDate(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.DATE;
  }

  private static boolean isWholeNumber(RelDataType type) {
    return SqlTypeUtil.isExactNumeric(type) && type.getScale() <= 0;
  }

  /** Makes the operand at {@code index} that many days. */
  private boolean days(SqlCallBinding binding, int index) {
    SqlCall call = binding.getCall();
    SqlNode count = call.operand(index);
    SqlParserPos pos = count.getParserPosition();
    SqlNode oneDay = SqlLiteral.createInterval(1, "1",
        new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
    SqlNode days = SqlStdOperatorTable.MULTIPLY.createCall(pos, count, oneDay);
    call.setOperand(index, days);
    validator.deriveType(binding.getScope(), days);
    return true;
  }
}
