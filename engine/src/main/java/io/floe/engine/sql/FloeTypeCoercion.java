package io.floe.engine.sql;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
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
    refuseText(binding);
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

  /** The last branch of a set operation seen in {@link #rowTypeCoercion}, and its column's type. */
  private record Branch(SqlValidatorScope scope, int column, RelDataType target, RelDataType type) {}

  private Branch lastBranch;
  private int depth;

  /**
   * The branches of UNION, INTERSECT and EXCEPT whose column is text and a number, a date or a
   * boolean fail as in PostgreSQL ({@code 42804 UNION types integer and text cannot be matched}),
   * where Calcite would make the column text. A quoted literal or NULL takes the other branch's
   * type. Calcite offers each branch of a set operation in turn, in the set operation's scope, for
   * one column and its wider type: two such branches in a row are the two sides.
   */
  @Override public boolean rowTypeCoercion(SqlValidatorScope scope, SqlNode query,
      int columnIndex, RelDataType targetType) {
    if (depth == 0 && SqlTypeUtil.isCharacter(targetType)) {
      RelDataType type = branchType(query, columnIndex);
      Branch last = lastBranch;
      lastBranch = type == null ? null : new Branch(scope, columnIndex, targetType, type);
      if (type != null && last != null && last.scope() == scope && last.column() == columnIndex
          && last.target() == targetType
          && SqlTypeUtil.isCharacter(last.type()) != SqlTypeUtil.isCharacter(type)) {
        lastBranch = null;
        RelDataType text = SqlTypeUtil.isCharacter(type) ? type : last.type();
        RelDataType other = SqlTypeUtil.isCharacter(type) ? last.type() : type;
        throw new io.floe.engine.api.FloeException(io.floe.engine.api.ErrorCode.TYPE_MISMATCH,
            "UNION types " + postgresName(other) + " and " + postgresName(text) + " cannot be matched");
      }
    }
    depth++;
    try {
      return super.rowTypeCoercion(scope, query, columnIndex, targetType);
    } finally {
      depth--;
    }
  }

  /**
   * The type of a branch's column where it is typed text or another known type (not a quoted
   * literal, not NULL, not a branch of several); null otherwise.
   */
  private RelDataType branchType(SqlNode query, int column) {
    if (query.getKind() == SqlKind.UNION || query.getKind() == SqlKind.INTERSECT
        || query.getKind() == SqlKind.EXCEPT) {
      // A set operation in a set operation: its column has the type its own branches agreed on.
      RelDataType row = validator.getValidatedNodeTypeIfKnown(query);
      RelDataType type = row == null || column >= row.getFieldCount() ? null
          : row.getFieldList().get(column).getType();
      return type != null && (SqlTypeUtil.isCharacter(type) || isOtherKnownType(type)) ? type : null;
    }
    if (!(query instanceof org.apache.calcite.sql.SqlSelect select) || column >= select.getSelectList().size()) {
      return null;
    }
    SqlNode item = select.getSelectList().get(column);
    if (item.getKind() == SqlKind.AS) {
      item = ((SqlCall) item).operand(0);
    }
    if (item instanceof SqlLiteral || item instanceof SqlIdentifier id && id.isStar()) {
      return null;
    }
    RelDataType type = validator.getValidatedNodeTypeIfKnown(item);
    return type != null && (SqlTypeUtil.isCharacter(type) || isOtherKnownType(type)) ? type : null;
  }

  @Override public boolean binaryComparisonCoercion(SqlCallBinding binding) {
    refuseText(binding);
    return super.binaryComparisonCoercion(binding);
  }

  /**
   * Text is not a number, a date or a boolean: comparing or computing a value of such a type with
   * a text value that is not a quoted literal ({@code i >= v} for an integer {@code i} and a text
   * {@code v}, {@code 1 + '1'::varchar}) fails as in PostgreSQL ({@code 42883 operator does not
   * exist: integer >= text}), where Calcite would cast the text. A quoted literal has no type of
   * its own yet and takes the other operand's, in both databases.
   */
  private void refuseText(SqlCallBinding binding) {
    if (binding.getOperandCount() != 2 || !TEXT_REFUSED.contains(binding.getOperator().getKind())) {
      return;
    }
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    if (isTypedText(binding.operand(0), left) && isOtherKnownType(right)
        || isTypedText(binding.operand(1), right) && isOtherKnownType(left)) {
      throw new io.floe.engine.api.FloeException(io.floe.engine.api.ErrorCode.FUNCTION_NOT_FOUND,
          "operator does not exist: " + postgresName(left) + " " + binding.getOperator().getName() + " "
              + postgresName(right) + where(binding.getCall()),
          "No operator matches the given name and argument types. You might need to add explicit type casts.",
          null);
    }
  }

  /** The arithmetic and comparison operators that take no text beside another type. */
  private static final java.util.Set<SqlKind> TEXT_REFUSED = java.util.EnumSet.of(SqlKind.PLUS, SqlKind.MINUS,
      SqlKind.TIMES, SqlKind.DIVIDE, SqlKind.MOD, SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.GREATER_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN_OR_EQUAL);

  private static boolean isTypedText(SqlNode operand, RelDataType type) {
    return SqlTypeUtil.isCharacter(type) && !(operand instanceof SqlLiteral);
  }

  private static boolean isOtherKnownType(RelDataType type) {
    return SqlTypeUtil.isNumeric(type) || SqlTypeUtil.isDatetime(type) || SqlTypeUtil.isBoolean(type)
        || SqlTypeUtil.isInterval(type);
  }

  private static String where(SqlCall call) {
    SqlParserPos pos = call.getParserPosition();
    return pos.getLineNum() > 0 ? " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")" : "";
  }

  /** The name PostgreSQL gives a type in its messages (Floe's text is PostgreSQL's text). */
  static String postgresName(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT -> "smallint";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric";
      case REAL -> "real";
      case FLOAT, DOUBLE -> "double precision";
      case CHAR, VARCHAR -> "text";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIME -> "time without time zone";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamp with time zone";
      default -> SqlTypeUtil.isInterval(type) ? "interval"
          : type.getSqlTypeName().getName().toLowerCase(java.util.Locale.ROOT);
    };
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
