package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import io.floe.engine.api.sql.StatementDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Translates Calcite's parse and validation failures into Floe errors worded as PostgreSQL words
 * them ({@code relation "orders" does not exist}, {@code syntax error at or near "selec"}), with
 * the position in the statement and, where one helps, a hint.
 */
final class SqlErrors {
  private static final Pattern OBJECT = Pattern.compile(
      "(?:Object|Table) '([^']*)' not found(?: within '([^']*)')?");
  private static final Pattern SCHEMA = Pattern.compile("Schema '([^']*)' not found");
  private static final Pattern COLUMN = Pattern.compile(
      "Column '([^']*)' not found in (?:any table|table '([^']*)')");
  private static final Pattern FUNCTION = Pattern.compile(
      "No match found for function signature ([^(]+)\\((.*)\\)");

  private static final Pattern NOT_GROUPED = Pattern.compile("Expression '([^']*)' is not being grouped");
  private static final Pattern AGGREGATE_ILLEGAL =
      Pattern.compile("Aggregate expression is illegal in ([A-Z ]+?) clause");
  private static final Pattern DUPLICATE_RELATION =
      Pattern.compile("Duplicate relation name '([^']*)' in FROM clause");
  /** Calcite's "Cannot apply 'AVG' to arguments of type 'AVG(<DATE>)'": a function's form. */
  private static final Pattern NO_FORM = Pattern.compile(
      "Cannot apply '(\\w+)' to arguments of type '\\w+\\((.*)\\)'\\. Supported form");

  /** Calcite's "Cannot apply 'AND' to arguments of type '<BOOLEAN> AND <INTEGER>'". */
  private static final Pattern NOT_BOOLEAN = Pattern.compile(
      "Cannot apply '(AND|OR|NOT|IS (?:NOT )?(?:TRUE|FALSE|UNKNOWN))' to arguments of type '(.*)'\\."
          + " Supported form\\(s\\): '(?:<BOOLEAN>|NOT|IS)");
  private static final Pattern OPERAND_TYPE = Pattern.compile("<(\\w+)(?:\\(\\d+\\))?>");
  /** Calcite's "Cannot apply '-' to arguments of type '<TIME(6)> - <TIME(6)>'": an infix operator. */
  private static final Pattern NO_OPERATOR = Pattern.compile(
      "Cannot apply '([^'\\w]+)' to arguments of type '<([\\w ]+)(?:\\([\\d, ]+\\))?> \\S+ "
          + "<([\\w ]+)(?:\\([\\d, ]+\\))?>'");
  private static final Pattern ARGUMENT_COUNT = Pattern.compile(
      "Invalid number of arguments to function '(\\w+)'\\. Was expecting (\\d+) arguments");
  private static final Pattern AMBIGUOUS = Pattern.compile("Column '([^']*)' is ambiguous");
  /** Calcite's "Illegal DATE literal '0000-01-01': not in format 'yyyy-MM-dd'". */
  private static final Pattern DATE_LITERAL = Pattern.compile("Illegal DATE literal '([^']*)'");
  private static final Pattern DISTINCT_ORDER =
      Pattern.compile("Expression '([^']*)' is not in the select clause");

  /** Calcite's {@code Util.needToImplement}: "class org.apache.calcite.sql.SqlNodeList: 1, 2". */
  private static final Pattern NOT_IMPLEMENTED = Pattern.compile("(?s)class ([\\w.$]+): (.*)");

  private SqlErrors() {}

  /** A syntax error: the token the parser stopped at, as PostgreSQL reports it. */
  static FloeException parse(SqlParseException e, String sql) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StackOverflowError) {
        return StatementDepth.tooComplex();
      }
    }
    SqlParserPos pos = e.getPos();
    // "Encountered "where <EOF>"": the statement ended where more was needed.
    boolean atEnd = String.valueOf(e.getMessage()).matches("(?s)Encountered \"[^\"]*<EOF>\".*");
    String token = pos == null || atEnd ? null : tokenAt(sql, pos.getLineNum(), pos.getColumnNum());
    String message = token == null ? "syntax error at end of input"
        : "syntax error at or near \"" + token + "\"";
    if (pos != null && token != null) {
      message += " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")";
    }
    return new FloeException(ErrorCode.SYNTAX_ERROR, message, null, e);
  }

  /**
   * A syntax error found before Calcite parses: at {@code token} of {@code sql}, or at the end of
   * the input when it is null, worded as {@link #parse} words the parser's.
   */
  static FloeException syntax(String sql, SqlLexer.Token token) {
    if (token == null) {
      return new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error at end of input");
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < token.start(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \"" + token.text()
        + "\" (line " + line + ", column " + (token.start() - lineStart + 1) + ")");
  }

  static FloeException validation(RuntimeException e) {
    return validation(e, null, null);
  }

  /**
   * A validation failure; {@code root} (may be null) is what the principal can see, for hints
   * naming the table a user probably meant.
   */
  static FloeException validation(RuntimeException e, FloeRoot root, String sql) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String detail = ShadowedAliases.written(e instanceof CalciteContextException c
        && c.getCause() != null ? String.valueOf(c.getCause().getMessage()) : firstLine(message));
    String where = e instanceof CalciteContextException c && c.getPosLine() > 0
        ? " (line " + c.getPosLine() + ", column " + c.getPosColumn() + ")" : "";
    Matcher m;
    if ((m = OBJECT.matcher(detail)).find()) {
      String name = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
      String written = e instanceof CalciteContextException c ? span(sql, c) : null;
      if (written != null && written.matches("[\\w.\"$]+")) {
        name = written.replace("\"", "");
      }
      return new FloeException(ErrorCode.NOT_FOUND, "relation \"" + name + "\" does not exist"
          + where, tableHint(name, root), e);
    }
    if ((m = SCHEMA.matcher(detail)).find()) {
      return new FloeException(ErrorCode.NOT_FOUND, "schema \"" + m.group(1) + "\" does not exist"
          + where, "Schemas are buckets; a project token sees its own project's buckets and the "
          + "buckets shared with it.", e);
    }
    if ((m = COLUMN.matcher(detail)).find()) {
      String column = m.group(2) == null ? m.group(1) : m.group(2) + "." + m.group(1);
      return new FloeException(ErrorCode.COLUMN_NOT_FOUND, "column \"" + column
          + "\" does not exist" + where, null, e);
    }
    if ((m = FUNCTION.matcher(detail)).find()) {
      return noSuchFunction(m.group(1), m.group(2), where, e);
    }
    if ((m = NOT_GROUPED.matcher(detail)).find()) {
      return new FloeException(ErrorCode.GROUPING_ERROR, "column \"" + m.group(1).replace("`", "")
          + "\" must appear in the GROUP BY clause or be used in an aggregate function" + where,
          null, e);
    }
    if ((m = AGGREGATE_ILLEGAL.matcher(detail)).find()) {
      return new FloeException(ErrorCode.GROUPING_ERROR, "aggregate functions are not allowed in "
          + m.group(1) + where, null, e);
    }
    if ((m = DUPLICATE_RELATION.matcher(detail)).find()) {
      return new FloeException(ErrorCode.DUPLICATE_ALIAS, "table name \"" + m.group(1)
          + "\" specified more than once" + where,
          "Give each use of the table its own alias: FROM t AS a, t AS b.", e);
    }
    if (detail.equals("Unequal number of entries in ROW expressions")) {
      return new FloeException(ErrorCode.SYNTAX_ERROR, "unequal number of entries in row expressions" + where,
          null, e);
    }
    if (detail.startsWith("Cannot apply '$SCALAR_QUERY'")) {
      // A sub-query of several columns used as a value, as in PostgreSQL's words.
      return new FloeException(ErrorCode.SYNTAX_ERROR, "subquery must return only one column" + where,
          "Compare each field with a sub-query of one column, or test the row with (a, b) IN "
              + "(SELECT x, y ...).", e);
    }
    if ((m = NO_FORM.matcher(detail)).find()) {
      return noSuchFunction(m.group(1), m.group(2), where, e);
    }
    if ((m = NOT_BOOLEAN.matcher(detail)).find()) {
      return notBoolean(m.group(1), m.group(2), where, e);
    }
    if ((m = NO_OPERATOR.matcher(detail)).find()) {
      return new FloeException(ErrorCode.FUNCTION_NOT_FOUND, "operator does not exist: "
          + postgresType(m.group(2)) + " " + m.group(1) + " " + postgresType(m.group(3)) + where,
          "No operator matches the given name and argument types. You might need to add explicit "
              + "type casts.", e);
    }
    if (detail.equals("WHERE clause must be a condition")) {
      return notBoolean("WHERE", "", where, e);
    }
    if (detail.equals("Expected a boolean type")) {
      return notBoolean("CASE/WHEN", "", where, e);
    }
    if ((m = ARGUMENT_COUNT.matcher(detail)).find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      return new FloeException(ErrorCode.FUNCTION_NOT_FOUND, "function " + name
          + " does not exist with this number of arguments" + where,
          name + " takes " + m.group(2) + (m.group(2).equals("1") ? " argument." : " arguments."), e);
    }
    if ((m = AMBIGUOUS.matcher(detail)).find()) {
      return new FloeException(ErrorCode.AMBIGUOUS_COLUMN, "column reference \"" + m.group(1)
          + "\" is ambiguous" + where, "Qualify the column with its table's name or alias.", e);
    }
    if (DISTINCT_ORDER.matcher(detail).find()) {
      return new FloeException(ErrorCode.INVALID_COLUMN_REFERENCE,
          "for SELECT DISTINCT, ORDER BY expressions must appear in select list" + where, null, e);
    }
    if ((m = DATE_LITERAL.matcher(detail)).find()) {
      FloeException outOfRange = DateRange.outOfRange(m.group(1));
      return outOfRange != null ? new FloeException(outOfRange.code(), outOfRange.getMessage() + where, null, e)
          : new FloeException(ErrorCode.INVALID_DATETIME_FORMAT, "invalid input syntax for type date: \""
              + m.group(1) + "\"" + where, null, e);
    }
    if (detail.startsWith("Illegal use of dynamic parameter")) {
      return new FloeException(ErrorCode.INDETERMINATE_DATATYPE,
          "could not determine data type of parameter" + where,
          "Cast the parameter to the type you mean, such as CAST(? AS INTEGER).", e);
    }
    if (e instanceof UnsupportedOperationException && (m = NOT_IMPLEMENTED.matcher(message)).matches()) {
      return notImplemented(m.group(1), m.group(2), where, e);
    }
    ErrorCode code;
    if (detail.contains("Cannot apply") || detail.contains("cannot be converted")
        || detail.contains("Cannot assign")) {
      code = ErrorCode.TYPE_MISMATCH;
    } else {
      code = ErrorCode.INVALID_SQL;
    }
    return new FloeException(code, detail + where, null, e);
  }

  /**
   * A form Calcite has not implemented, without the Java class its message names: a list or
   * parameter whose type it could not derive (a parameter compared with a list), or a named
   * limitation ("inequality comparison for row types").
   */
  private static FloeException notImplemented(String javaClass, String what, String where,
      RuntimeException e) {
    if (javaClass.endsWith(".SqlNodeList") || javaClass.endsWith(".SqlDynamicParam")) {
      return new FloeException(ErrorCode.INDETERMINATE_DATATYPE,
          "could not determine data type of parameter" + where,
          "Cast the parameter to the type you mean, such as CAST(? AS INTEGER).", e);
    }
    String text = javaClass.equals("java.lang.String") ? what : "this form of expression";
    return new FloeException(ErrorCode.NOT_SUPPORTED, text + " is not supported" + where, null, e);
  }

  /**
   * PostgreSQL's "function avg(date) does not exist" from Calcite's name and argument types
   * ({@code <DATE>, <TIMESTAMP_WITH_LOCAL_TIME_ZONE(6)>}).
   */
  private static FloeException noSuchFunction(String name, String calciteArgs, String where,
      RuntimeException e) {
    String args = calciteArgs.replace("<", "").replace(">", "").replaceAll("\\(\\d+\\)", "")
        .replace("_WITH_LOCAL_TIME_ZONE", " WITH TIME ZONE").replace('_', ' ')
        .toLowerCase(Locale.ROOT);
    return new FloeException(ErrorCode.FUNCTION_NOT_FOUND, "function "
        + name.toLowerCase(Locale.ROOT) + "(" + args + ") does not exist" + where,
        "No function matches the given name and argument types. You might need to add "
            + "explicit type casts.", e);
  }

  /** PostgreSQL's name of a Calcite type name ({@code TIMESTAMP_WITH_LOCAL_TIME_ZONE}). */
  private static String postgresType(String calcite) {
    return switch (calcite.strip()) {
      case "TIME" -> "time without time zone";
      case "TIMESTAMP" -> "timestamp without time zone";
      case "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMP_TZ" -> "timestamp with time zone";
      case "VARCHAR", "CHAR" -> "text";
      case "DOUBLE" -> "double precision";
      case "DECIMAL" -> "numeric";
      case "VARBINARY", "BINARY" -> "bytea";
      default -> calcite.strip().startsWith("INTERVAL") ? "interval"
          : calcite.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  /**
   * PostgreSQL's "argument of AND must be type boolean, not type integer": integers are not
   * booleans ({@code calciteArgs} holds Calcite's operand types, such as {@code <BOOLEAN> AND
   * <INTEGER>}; the first one that is not BOOLEAN is named).
   */
  private static FloeException notBoolean(String operator, String calciteArgs, String where,
      RuntimeException e) {
    Matcher types = OPERAND_TYPE.matcher(calciteArgs);
    String type = null;
    while (type == null && types.find()) {
      if (!types.group(1).equals("BOOLEAN")) {
        type = types.group(1).replace('_', ' ').toLowerCase(Locale.ROOT);
      }
    }
    return new FloeException(ErrorCode.TYPE_MISMATCH, "argument of " + operator
        + " must be type boolean" + (type == null ? "" : ", not type " + type) + where,
        "Compare the value instead, such as x <> 0.", e);
  }

  /** "Did you mean bucket.table?" when the name is a table of a bucket the principal can read. */
  private static String tableHint(String missing, FloeRoot root) {
    if (root == null) {
      return null;
    }
    String table = missing.substring(missing.lastIndexOf('.') + 1);
    List<String> candidates = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : root.tables().values()) {
      if (t.table().name().equalsIgnoreCase(table)) {
        String bucketTable = t.bucket().name() + "." + t.table().name();
        String name = root.principal().projectId() != null
            && root.principal().projectId().equals(t.projectId()) ? bucketTable
            : t.projectId() + "." + bucketTable;
        if (!candidates.contains(name)) {
          candidates.add(name);
        }
      }
    }
    if (candidates.isEmpty()) {
      return "Tables are named bucket.table (or project.bucket.table), or set a default bucket "
          + "for the connection.";
    }
    candidates.sort(null);
    return "Tables are named bucket.table: did you mean "
        + String.join(" or ", candidates.subList(0, Math.min(3, candidates.size()))) + "?";
  }

  /** The text of {@code sql} an error points at, or null. */
  private static String span(String sql, CalciteContextException c) {
    if (sql == null || c.getPosLine() <= 0 || c.getEndPosLine() != c.getPosLine()) {
      return null;
    }
    String line = sql.lines().skip(c.getPosLine() - 1).findFirst().orElse("");
    int from = c.getPosColumn() - 1;
    int to = c.getEndPosColumn();
    return from >= 0 && to <= line.length() && from < to ? line.substring(from, to) : null;
  }

  /** The token at a 1-based line and column of {@code sql}, or null at the end of the input. */
  static String tokenAt(String sql, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = sql.indexOf('\n', offset);
      offset = offset < 0 ? -1 : offset + 1;
    }
    if (offset < 0) {
      return null;
    }
    int start = offset + column - 1;
    if (start < 0 || start >= sql.length()) {
      return null;
    }
    char first = sql.charAt(start);
    int end = start + 1;
    if (Character.isLetterOrDigit(first) || first == '_') {
      while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
          || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
        end++;
      }
    } else if (first == '"' || first == '\'') {
      int close = sql.indexOf(first, start + 1);
      end = close < 0 ? sql.length() : close + 1;
    }
    return sql.substring(start, end);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
