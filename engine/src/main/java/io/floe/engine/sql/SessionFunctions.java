package io.floe.engine.sql;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's session functions, answered while the statement is planned: {@code current_schema}
 * and {@code current_catalog} (the session's default bucket and project; plans are cached per
 * search path, so a literal is exact), {@code current_user}, {@code session_user}, {@code user},
 * {@code current_role} and {@code system_user} (the session's user name; plans are cached per
 * user), {@code version()}, and {@code now()} as
 * {@code current_timestamp}. Calcite knows the first two only as context variables it cannot
 * run, and the last two not at all.
 */
final class SessionFunctions extends SqlShuttle {
  /** What {@code version()} answers: the PostgreSQL dialect Floe speaks, then Floe itself. */
  static final String VERSION = "PostgreSQL 16.4 (Floe " + floeVersion() + ")";

  /** Names PostgreSQL reads as functions without parentheses. */
  private static final java.util.Set<String> NO_PARENTHESES =
      java.util.Set.of("current_schema", "current_catalog", "current_user", "session_user", "user",
          "current_role", "system_user");

  private final @Nullable String catalog;
  private final @Nullable String schema;
  private final String user;

  private SessionFunctions(List<List<String>> searchPaths, String user, boolean upperCase) {
    List<String> first = searchPaths.isEmpty() ? List.of() : searchPaths.get(0);
    String catalog = first.isEmpty() ? null : first.get(0);
    String schema = first.size() < 2 ? null : first.get(1);
    // Snowflake names the database, schema and user in use as its unquoted names read: upper case.
    this.catalog = upperCase && catalog != null ? catalog.toUpperCase(Locale.ROOT) : catalog;
    this.schema = upperCase && schema != null ? schema.toUpperCase(Locale.ROOT) : schema;
    this.user = upperCase && user != null ? user.toUpperCase(Locale.ROOT) : user;
  }

  /** {@code node} with every session function replaced. */
  static SqlNode rewrite(SqlNode node, List<List<String>> searchPaths, String user) {
    return rewrite(node, searchPaths, user, SqlFlavor.POSTGRES);
  }

  /** {@code node} with every session function replaced, named as {@code flavor} names them. */
  static SqlNode rewrite(SqlNode node, List<List<String>> searchPaths, String user, SqlFlavor flavor) {
    SqlNode rewritten = node.accept(new SessionFunctions(searchPaths, user, flavor == SqlFlavor.SNOWFLAKE));
    return rewritten == null ? node : rewritten;
  }

  private static String floeVersion() {
    return io.floe.engine.Engine.version();
  }

  @Override public @Nullable SqlNode visit(SqlIdentifier id) {
    // Without parentheses only these names; version and now need them. A quoted "user" is a
    // column or an alias, as in PostgreSQL.
    if (id.isSimple() && !id.isComponentQuoted(0)
        && NO_PARENTHESES.contains(id.getSimple().toLowerCase(Locale.ROOT))) {
      return replace(id.getSimple(), 0, id.getParserPosition());
    }
    return id;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    if (call.getKind() == org.apache.calcite.sql.SqlKind.AS) {
      // An alias is a name, not an expression.
      SqlNode expr = call.operand(0).accept(this);
      if (expr != call.operand(0)) {
        call.setOperand(0, expr);
      }
      return call;
    }
    String name = null;
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_SCHEMA
        || call.getOperator() == SqlStdOperatorTable.CURRENT_CATALOG
        || call.getOperator() == SqlStdOperatorTable.CURRENT_USER
        || call.getOperator() == SqlStdOperatorTable.SESSION_USER
        || call.getOperator() == SqlStdOperatorTable.USER
        || call.getOperator() == SqlStdOperatorTable.CURRENT_ROLE
        || call.getOperator() == SqlStdOperatorTable.SYSTEM_USER) {
      name = call.getOperator().getName();
    } else if (call.getOperator() instanceof SqlUnresolvedFunction f) {
      name = f.getName();
    }
    if (name != null) {
      SqlNode replaced = replace(name, call.operandCount(), call.getParserPosition());
      if (replaced != null) {
        return replaced;
      }
    }
    return super.visit(call);
  }

  private @Nullable SqlNode replace(String name, int operands, SqlParserPos pos) {
    if (operands != 0) {
      return null;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
    case "current_schema":
      return text(schema, pos);
    case "current_catalog":
    case "current_database":
      return text(catalog, pos);
    case "version":
      return text(VERSION, pos);
    case "current_user":
    case "session_user":
    case "user":
    case "current_role":
    case "system_user":
      return text(user, pos);
    case "now":
      return SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(pos);
    default:
      return null;
    }
  }

  /** A VARCHAR literal, or a NULL typed VARCHAR. */
  private static SqlNode text(@Nullable String value, SqlParserPos pos) {
    SqlNode literal = value == null ? SqlLiteral.createNull(pos)
        : SqlLiteral.createCharString(value, pos);
    return SqlStdOperatorTable.CAST.createCall(pos, literal,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
  }
}
