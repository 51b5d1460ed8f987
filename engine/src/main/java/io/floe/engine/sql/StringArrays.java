package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWriter;

/**
 * {@code string_to_array(text, delimiter)} as PostgreSQL answers it. DuckDB splits the empty string
 * into one empty element, splits into characters on an empty delimiter and answers NULL for a NULL
 * one; PostgreSQL answers an empty array for the empty string, the whole text as the one element
 * for an empty delimiter, and the characters for a NULL delimiter. Sent as
 * {@code CASE WHEN s = '' THEN [] WHEN s <> '' AND d = '' THEN [s]
 * ELSE string_to_array(s, coalesce(d, '')) END}.
 */
final class StringArrays {
  private StringArrays() {}

  static void unparse(SqlWriter writer, SqlCall call) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.print("CASE WHEN ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(" = '' THEN CAST([] AS VARCHAR[]) WHEN ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(" <> '' AND ");
    call.operand(1).unparse(writer, 0, 0);
    writer.print(" = '' THEN [");
    call.operand(0).unparse(writer, 0, 0);
    writer.print("] ELSE string_to_array(");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(", coalesce(");
    call.operand(1).unparse(writer, 0, 0);
    writer.print(", '')) END");
    writer.endList(frame);
  }
}
