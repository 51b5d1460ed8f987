package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/** Pieces of DuckDB text that operators of Floe's dialect write for their calls. */
final class DuckDbText {
  private DuckDbText() {}

  /** Writes {@code name(operand, ...)}, each operand as the dialect writes it. */
  static void call(SqlWriter writer, String name, List<SqlNode> operands) {
    writer.print(name);
    SqlWriter.Frame arguments = writer.startList("(", ")");
    for (SqlNode operand : operands) {
      writer.sep(",");
      operand.unparse(writer, 0, 0);
    }
    writer.endList(arguments);
  }

  /**
   * {@code node} as the writer's dialect writes it, in parentheses, as a string: for text that
   * names an operand more than once (a CASE that checks a value, then uses it).
   */
  static String operand(SqlWriter writer, SqlNode node) {
    SqlPrettyWriter inner = new SqlPrettyWriter(SqlPrettyWriter.config()
        .withDialect(writer.getDialect()).withAlwaysUseParentheses(false)
        .withQuoteAllIdentifiers(true));
    node.unparse(inner, 0, 0);
    return "(" + inner.toSqlString().getSql() + ")";
  }
}
