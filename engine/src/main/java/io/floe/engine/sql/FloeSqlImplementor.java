package io.floe.engine.sql;

import java.math.BigDecimal;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes plans back as DuckDB SQL. Calcite's writer refers to an ORDER BY key that is an
 * expression by its position in the select list, which is right in a query's ORDER BY and wrong
 * inside an aggregate: {@code string_agg(x ORDER BY 1)} sorts by the constant 1. Inside an
 * aggregate, this writer spells the key out.
 */
final class FloeSqlImplementor extends JdbcImplementor {
  FloeSqlImplementor(JavaTypeFactory typeFactory) {
    super(FloeDuckDbDialect.INSTANCE, typeFactory);
  }

  @Override public Context selectListContext(SqlNodeList selectList, boolean aliasRef) {
    return new AggregateOrderContext(super.selectListContext(selectList, aliasRef),
        selectList.size());
  }

  /** Calcite's select-list context, except for ORDER BY keys inside an aggregate call. */
  private final class AggregateOrderContext extends SqlImplementor.Context {
    private final Context delegate;
    private boolean inAggregate;

    AggregateOrderContext(Context delegate, int fieldCount) {
      super(FloeDuckDbDialect.INSTANCE, fieldCount);
      this.delegate = delegate;
    }

    @Override public SqlNode field(int ordinal) {
      return delegate.field(ordinal);
    }

    @Override public SqlNode orderField(int ordinal) {
      if (!inAggregate) {
        return delegate.orderField(ordinal);
      }
      SqlNode node = field(ordinal);
      // A number would still read as a position; as text it sorts by a constant, as written.
      return node instanceof SqlNumericLiteral n
          ? SqlLiteral.createCharString(n.toValue(), n.getParserPosition()) : node;
    }

    /**
     * A decimal literal whose type is not the one DuckDB reads from its digits goes with a cast:
     * the type decides how DuckDB writes the value as text ({@code '0.1'::decimal(3,3)} folds to
     * {@code 0.100}, which DuckDB would read as DECIMAL(4,3) and write as {@code 0.100}, where
     * DECIMAL(3,3) writes {@code .100}).
     */
    @Override public SqlNode toSql(@Nullable RexProgram program, RexNode rex) {
      SqlNode sql = super.toSql(program, rex);
      if (rex instanceof RexCall call && call.getType().getSqlTypeName() == SqlTypeName.DATE
          && call.getOperands().stream().anyMatch(o -> SqlTypeUtil.isInterval(o.getType()))) {
        // A date plus whole days, months or years is a DATE here and a TIMESTAMP in DuckDB.
        return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, sql,
            FloeDuckDbDialect.INSTANCE.getCastSpec(call.getType()));
      }
      if (rex instanceof RexLiteral literal && literal.getType().getSqlTypeName() == SqlTypeName.DECIMAL
          && literal.getType().getScale() > 0 && !literal.isNull()) {
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        String digits = value == null ? "" : value.abs().toPlainString().replace(".", "");
        RelDataType type = literal.getType();
        if (value != null && (value.scale() != type.getScale() || digits.length() != type.getPrecision())) {
          return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, sql,
              FloeDuckDbDialect.INSTANCE.getCastSpec(type));
        }
      }
      return sql;
    }

    @Override public SqlNode toSql(AggregateCall aggCall) {
      boolean outer = inAggregate;
      inAggregate = true;
      try {
        return super.toSql(aggCall);
      } finally {
        inAggregate = outer;
      }
    }

    @Override protected Context getAliasContext(RexCorrelVariable variable) {
      return FloeSqlImplementor.this.getAliasContext(variable);
    }

    @Override public SqlImplementor implementor() {
      return FloeSqlImplementor.this;
    }
  }
}
