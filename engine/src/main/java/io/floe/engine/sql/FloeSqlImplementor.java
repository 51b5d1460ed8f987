package io.floe.engine.sql;

import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;

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
