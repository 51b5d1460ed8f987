package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the DDL a workspace accepts: {@code CREATE TABLE} with typed columns, {@code CREATE TABLE
 * AS}, {@code CREATE [OR REPLACE] VIEW}, {@code DROP TABLE|VIEW [IF EXISTS]} and {@code TRUNCATE}.
 * Calcite's parsers do not read these PostgreSQL forms (Babel has no views, drops or table
 * constraints), so this works on {@link SqlLexer} tokens; the queries inside go to Calcite.
 *
 * <p>Object names may be qualified only with the workspace schema {@code public}: that is the only
 * schema a workspace writes. Column types are the catalog's types under their PostgreSQL names.
 */
public final class DdlParser {
  private static final Set<String> CONSTRAINT_WORDS = Set.of("not", "null", "primary", "default",
      "unique", "check", "references", "constraint", "collate", "generated");
  private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
      Map.entry("INT2", "SMALLINT"), Map.entry("INT4", "INTEGER"), Map.entry("INT8", "BIGINT"),
      Map.entry("FLOAT4", "REAL"), Map.entry("FLOAT8", "DOUBLE"), Map.entry("BOOL", "BOOLEAN"),
      Map.entry("JSONB", "JSON"), Map.entry("BPCHAR", "VARCHAR"), Map.entry("CHAR", "VARCHAR"),
      Map.entry("CHARACTER", "VARCHAR"), Map.entry("TIMETZ", "TIME"),
      Map.entry("TIME WITHOUT TIME ZONE", "TIME"), Map.entry("NUMERIC", "DECIMAL(38,10)"),
      Map.entry("DECIMAL", "DECIMAL(38,10)"));

  private DdlParser() {}

  /** The statement if it is DDL ({@code CREATE}, {@code DROP}, {@code TRUNCATE}, {@code ALTER}). */
  public static Optional<DdlStatement> parse(String sql) {
    return parse(LexedStatement.of(sql));
  }

  /** {@link #parse(String)} of a statement already lexed. */
  public static Optional<DdlStatement> parse(LexedStatement statement) {
    String sql = statement.text();
    List<SqlLexer.Token> tokens = statement.significant();
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    SqlLexer.Token first = tokens.get(0);
    if (!(first.is("create") || first.is("drop") || first.is("truncate") || first.is("alter"))) {
      return Optional.empty();
    }
    return Optional.of(new Reader(sql, tokens).statement());
  }

  /** A cursor over the significant tokens of one statement. */
  private static final class Reader {
    private final String sql;
    private final List<SqlLexer.Token> tokens;
    private int pos;

    Reader(String sql, List<SqlLexer.Token> tokens) {
      this.sql = sql;
      this.tokens = tokens;
    }

    DdlStatement statement() {
      if (accept("alter")) {
        throw unsupported("ALTER is not supported in workspaces; create a new table with "
            + "CREATE TABLE ... AS SELECT instead");
      }
      if (accept("truncate")) {
        accept("table");
        return new DdlStatement.Truncate(names());
      }
      if (accept("drop")) {
        boolean view;
        if (accept("table")) {
          view = false;
        } else if (accept("view")) {
          view = true;
        } else {
          throw unsupported("only DROP TABLE and DROP VIEW are supported in workspaces");
        }
        boolean ifExists = accept("if", "exists");
        List<String> names = names();
        if (!accept("cascade")) {
          accept("restrict");
        }
        end();
        return new DdlStatement.Drop(view, ifExists, names);
      }
      expect("create");
      boolean orReplace = accept("or", "replace");
      if (accept("temp") || accept("temporary") || accept("unlogged")) {
        throw unsupported("temporary and unlogged objects are not supported; workspace tables "
            + "live until the workspace is dropped");
      }
      if (accept("view")) {
        String name = name();
        List<String> columns = new ArrayList<>();
        if (peekSymbol("(")) {
          pos++;
          do {
            columns.add(identifier());
          } while (acceptSymbol(","));
          expectSymbol(")");
        }
        expect("as");
        return new DdlStatement.CreateView(name, orReplace, columns, rest());
      }
      if (orReplace) {
        throw unsupported("CREATE OR REPLACE is supported for views only");
      }
      if (!accept("table")) {
        throw unsupported("only CREATE TABLE and CREATE VIEW are supported in workspaces");
      }
      boolean ifNotExists = accept("if", "not", "exists");
      String name = name();
      if (accept("as")) {
        return new DdlStatement.CreateTableAs(name, ifNotExists, rest());
      }
      return columns(name, ifNotExists);
    }

    private DdlStatement columns(String table, boolean ifNotExists) {
      expectSymbol("(");
      List<ColumnDef> columns = new ArrayList<>();
      List<String> primaryKey = new ArrayList<>();
      do {
        if (accept("constraint")) {
          identifier();
        }
        if (accept("primary", "key")) {
          if (!primaryKey.isEmpty()) {
            throw invalid("multiple primary keys for table " + table + " are not allowed");
          }
          primaryKey.addAll(identifierList());
          continue;
        }
        if (peek("unique") || peek("check") || peek("foreign") || peek("exclude")) {
          throw unsupported(current().text().toUpperCase(Locale.ROOT)
              + " constraints are not supported in workspaces");
        }
        columns.add(column(primaryKey));
      } while (acceptSymbol(","));
      expectSymbol(")");
      if (accept("as")) {
        throw unsupported("CREATE TABLE with both columns and AS is not supported");
      }
      end();
      for (String key : primaryKey) {
        if (columns.stream().noneMatch(c -> c.name().equals(key))) {
          throw new FloeException(ErrorCode.COLUMN_NOT_FOUND,
              "column \"" + key + "\" named in key does not exist");
        }
      }
      List<ColumnDef> withKeys = columns.stream().map(c -> primaryKey.contains(c.name())
          ? new ColumnDef(c.name(), c.type(), false) : c).toList();
      return new DdlStatement.CreateTable(table, ifNotExists, withKeys, primaryKey);
    }

    private ColumnDef column(List<String> primaryKey) {
      String name = identifier();
      StringBuilder type = new StringBuilder();
      while (pos < tokens.size() && !peekSymbol(",") && !peekSymbol(")")
          && !(current().type() == SqlLexer.Type.WORD
              && CONSTRAINT_WORDS.contains(current().text().toLowerCase(Locale.ROOT)))) {
        SqlLexer.Token t = tokens.get(pos++);
        if (t.isSymbol("[")) {
          throw unsupported("array columns are not supported in workspace tables");
        }
        if (t.isSymbol("(")) {
          type.append('(');
          while (pos < tokens.size() && !peekSymbol(")")) {
            type.append(tokens.get(pos++).text());
          }
          expectSymbol(")");
          type.append(')');
        } else {
          if (type.length() > 0) {
            type.append(' ');
          }
          type.append(t.type() == SqlLexer.Type.QUOTED ? t.identifier() : t.text());
        }
      }
      if (type.length() == 0) {
        throw syntax("column \"" + name + "\" needs a type");
      }
      ColumnType columnType = type(type.toString());
      boolean nullable = true;
      while (pos < tokens.size() && !peekSymbol(",") && !peekSymbol(")")) {
        if (accept("not", "null")) {
          nullable = false;
        } else if (accept("null")) {
          nullable = true;
        } else if (accept("primary", "key")) {
          if (!primaryKey.isEmpty()) {
            throw invalid("multiple primary keys are not allowed");
          }
          primaryKey.add(name);
          nullable = false;
        } else if (accept("constraint")) {
          identifier();
        } else if (accept("collate")) {
          pos++;
        } else {
          throw unsupported(current().text().toUpperCase(Locale.ROOT)
              + " in column definitions is not supported in workspaces");
        }
      }
      return new ColumnDef(name, columnType, nullable);
    }

    static ColumnType type(String text) {
      String upper = text.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      String base = upper.replaceAll("\\s*\\(.*\\)", "");
      if (upper.startsWith("TIMESTAMP") || upper.startsWith("TIME")) {
        // TIMESTAMP(3) WITH TIME ZONE: Floe keeps microseconds whatever the precision asked for.
        upper = upper.replaceAll("\\s*\\(\\s*\\d+\\s*\\)", "");
      } else if (TYPE_ALIASES.containsKey(base) && !(upper.contains("(")
          && (base.equals("NUMERIC") || base.equals("DECIMAL")))) {
        upper = TYPE_ALIASES.get(base);
      } else if (base.equals("CHARACTER VARYING") || base.equals("CHAR") || base.equals("CHARACTER")) {
        upper = "VARCHAR";
      }
      String mapped = TYPE_ALIASES.getOrDefault(upper, upper);
      return ColumnType.parse(mapped);
    }

    private List<String> names() {
      List<String> names = new ArrayList<>();
      do {
        names.add(name());
      } while (acceptSymbol(","));
      return names;
    }

    /** {@code name} or {@code public.name}; other schemas are not writable. */
    private String name() {
      String first = identifier();
      if (acceptSymbol(".")) {
        String second = identifier();
        if (!first.equals(WorkspaceView.SCHEMA)) {
          throw new FloeException(ErrorCode.ACCESS_DENIED, "permission denied for schema " + first
              + ": a workspace creates and drops objects only in schema public");
        }
        return second;
      }
      return first;
    }

    private List<String> identifierList() {
      expectSymbol("(");
      List<String> names = new ArrayList<>();
      do {
        names.add(identifier());
      } while (acceptSymbol(","));
      expectSymbol(")");
      return names;
    }

    private String identifier() {
      SqlLexer.Token t = current();
      if (t == null || !t.isIdentifier()) {
        throw syntax("expected a name" + (t == null ? " at the end" : " at \"" + t.text() + "\""));
      }
      pos++;
      return t.identifier();
    }

    /** The rest of the statement's text (a query). */
    private String rest() {
      if (pos >= tokens.size()) {
        throw syntax("a query is missing");
      }
      int start = tokens.get(pos).start();
      String text = sql.substring(start).strip();
      while (text.endsWith(";")) {
        text = text.substring(0, text.length() - 1).strip();
      }
      return text;
    }

    private SqlLexer.Token current() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peek(String word) {
      return pos < tokens.size() && tokens.get(pos).is(word);
    }

    private boolean peekSymbol(String symbol) {
      return pos < tokens.size() && tokens.get(pos).isSymbol(symbol);
    }

    private boolean accept(String... words) {
      for (int i = 0; i < words.length; i++) {
        if (pos + i >= tokens.size() || !tokens.get(pos + i).is(words[i])) {
          return false;
        }
      }
      pos += words.length;
      return true;
    }

    private boolean acceptSymbol(String symbol) {
      if (peekSymbol(symbol)) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(String word) {
      if (!accept(word)) {
        throw syntax("expected " + word.toUpperCase(Locale.ROOT) + near());
      }
    }

    private void expectSymbol(String symbol) {
      if (!acceptSymbol(symbol)) {
        throw syntax("expected \"" + symbol + "\"" + near());
      }
    }

    private void end() {
      if (pos < tokens.size()) {
        throw syntax("unexpected \"" + tokens.get(pos).text() + "\"");
      }
    }

    private String near() {
      SqlLexer.Token t = current();
      return t == null ? " at the end" : " at or near \"" + t.text() + "\"";
    }

    private static FloeException syntax(String message) {
      return new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error: " + message);
    }

    private static FloeException unsupported(String message) {
      return new FloeException(ErrorCode.NOT_SUPPORTED, message);
    }

    private static FloeException invalid(String message) {
      return new FloeException(ErrorCode.INVALID_SQL, message);
    }
  }
}
