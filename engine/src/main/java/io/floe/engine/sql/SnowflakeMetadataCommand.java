package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Snowflake's metadata commands, which list the catalog rather than query tables:
 * {@code SHOW [TERSE] DATABASES|SCHEMAS|TABLES|VIEWS|OBJECTS|COLUMNS [LIKE 'p'] [IN ...]
 * [STARTS WITH 's'] [LIMIT n]}, {@code SHOW PRIMARY|IMPORTED|EXPORTED KEYS [IN ...]} and
 * {@code DESC[RIBE] [TABLE|VIEW] name [TYPE = COLUMNS]}.
 * Comments may stand anywhere (snowflake-jdbc writes one after {@code show}). Names follow
 * Snowflake's rule: unquoted ones fold to upper case, quoted ones are kept as written; both are
 * matched against Floe's names without regard to case.
 */
sealed interface SnowflakeMetadataCommand {

  /** What a SHOW command lists. */
  enum Listed {
    DATABASES, SCHEMAS, TABLES, VIEWS, OBJECTS, COLUMNS, PRIMARY_KEYS, IMPORTED_KEYS, EXPORTED_KEYS;

    /** The words that name it in a statement. */
    String words() {
      return name().replace('_', ' ');
    }

    /** Whether it lists the keys of tables (and so takes {@code IN TABLE}, but no LIKE or TERSE). */
    boolean isKeys() {
      return name().endsWith("_KEYS");
    }
  }

  /** How far an {@code IN} clause reaches. */
  enum Level {
    /** No IN clause: the current database if there is one, else the account. */
    DEFAULT,
    ACCOUNT,
    /** {@code IN DATABASE [d]}: the named or the current database. */
    DATABASE,
    /** {@code IN SCHEMA [[d.]s]}: the named or the current schema. */
    SCHEMA,
    /** {@code IN TABLE|VIEW [[d.]s.]t}. */
    TABLE,
    /** {@code IN name}: a schema ({@code d.s}, or {@code s} of the current database) or database. */
    NAMED
  }

  /**
   * The objects a SHOW command lists.
   *
   * @param level how far it reaches
   * @param name the name after the keyword, in parts as written (may be empty)
   */
  record Scope(Level level, List<String> name) {
    static final Scope DEFAULT = new Scope(Level.DEFAULT, List.of());

    public Scope {
      requireNonNull(level, "level");
      name = List.copyOf(name);
    }
  }

  /**
   * {@code SHOW ...}.
   *
   * @param listed what it lists
   * @param terse whether TERSE asked for the short layout
   * @param like the LIKE pattern (case-insensitive, {@code %}, {@code _}, backslash escapes), or null
   * @param scope the IN clause
   * @param startsWith the STARTS WITH prefix (case-sensitive), or null
   * @param limit the LIMIT, or null
   */
  record Show(Listed listed, boolean terse, String like, Scope scope, String startsWith,
      Long limit) implements SnowflakeMetadataCommand {
    public Show {
      requireNonNull(listed, "listed");
      requireNonNull(scope, "scope");
    }
  }

  /**
   * {@code DESC[RIBE] [TABLE|VIEW] name}.
   *
   * @param view whether it said VIEW
   * @param name the name in parts as written
   */
  record Describe(boolean view, List<String> name) implements SnowflakeMetadataCommand {
    public Describe {
      name = List.copyOf(name);
    }
  }

  /**
   * The metadata command {@code statement} is, or empty for any other statement ({@code DESCRIBE}
   * of a query included).
   *
   * @throws FloeException {@code SYNTAX_ERROR} for a malformed SHOW or DESCRIBE TABLE,
   *     {@code NOT_SUPPORTED} for what Snowflake shows and Floe does not
   */
  static Optional<SnowflakeMetadataCommand> parse(LexedStatement statement) {
    SqlLexer.Token first = statement.first();
    if (first == null) {
      return Optional.empty();
    }
    if (first.is("show")) {
      return Optional.of(new Parser(statement).show());
    }
    if (first.is("describe") || first.is("desc")) {
      return new Parser(statement).describe();
    }
    return Optional.empty();
  }

  /** Reads one statement's significant tokens from left to right. */
  final class Parser {
    private final String sql;
    private List<SqlLexer.Token> tokens;
    private int at;

    Parser(LexedStatement statement) {
      this.sql = statement.text();
      this.tokens = new ArrayList<>(statement.significant());
      while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
        tokens.remove(tokens.size() - 1);
      }
      this.at = 1;
    }

    Show show() {
      boolean terse = accept("terse");
      Listed listed = listed();
      if (terse && (listed == Listed.COLUMNS || listed.isKeys())) {
        throw error("SHOW TERSE lists databases, schemas, tables, views and objects, not "
            + listed.words().toLowerCase(Locale.ROOT));
      }
      String like = null;
      if (accept("like")) {
        if (listed.isKeys()) {
          throw error("SHOW " + listed.words() + " takes no LIKE: name the table with IN TABLE");
        }
        like = string("LIKE", true);
      }
      Scope scope = Scope.DEFAULT;
      if (accept("in")) {
        scope = scope(listed);
      }
      String startsWith = null;
      if (accept("starts")) {
        expect("with");
        startsWith = string("STARTS WITH", false);
      }
      Long limit = null;
      if (accept("limit")) {
        limit = number();
        if (at < tokens.size() && tokens.get(at).is("from")) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "SHOW ... LIMIT n FROM 'name' is not "
              + "supported", "Use STARTS WITH 'prefix' or LIKE 'pattern' to narrow the list.", null);
        }
      }
      if (at < tokens.size()) {
        throw error("unexpected '" + tokens.get(at).text() + "'");
      }
      return new Show(listed, terse, like, scope, startsWith, limit);
    }

    Optional<SnowflakeMetadataCommand> describe() {
      boolean view = accept("view");
      if (!view && !accept("table") && !onlyName()) {
        // DESCRIBE SELECT ..., DESCRIBE RESULT ...: not a table's description.
        return Optional.empty();
      }
      if (at >= tokens.size()) {
        throw error("DESCRIBE " + (view ? "VIEW" : "TABLE") + " needs the name of a "
            + (view ? "view" : "table"));
      }
      List<String> name = name(3);
      if (!view && accept("type")) {
        if (at >= tokens.size() || !tokens.get(at++).isSymbol("=")) {
          throw error("TYPE = COLUMNS was expected");
        }
        if (accept("stage")) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "DESCRIBE TABLE ... TYPE = STAGE is "
              + "not supported: Floe tables have no stage properties");
        }
        expect("columns");
      }
      if (at < tokens.size()) {
        throw error("unexpected '" + tokens.get(at).text() + "'");
      }
      return Optional.of(new Describe(view, name));
    }

    /** Whether the rest of the statement is a dotted name and nothing else. */
    private boolean onlyName() {
      int i = at;
      if (i >= tokens.size() || !tokens.get(i).isIdentifier() || keyword(tokens.get(i))) {
        return false;
      }
      i++;
      while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isIdentifier()) {
        i += 2;
      }
      return i == tokens.size();
    }

    private static boolean keyword(SqlLexer.Token t) {
      return t.is("select") || t.is("with") || t.is("values") || t.is("result")
          || t.is("from") || t.is("table") || t.is("view");
    }

    private Listed listed() {
      if (at >= tokens.size()) {
        throw error("SHOW needs what to list: DATABASES, SCHEMAS, TABLES, VIEWS, OBJECTS, COLUMNS "
            + "or PRIMARY, IMPORTED or EXPORTED KEYS");
      }
      SqlLexer.Token t = tokens.get(at++);
      for (Listed l : Listed.values()) {
        if (l.isKeys()) {
          if (t.is(l.words().split(" ")[0]) && accept("keys")) {
            return l;
          }
        } else if (t.is(l.name())) {
          return l;
        }
      }
      String what = t.text().toUpperCase(Locale.ROOT);
      throw new FloeException(UNSUPPORTED.contains(what) ? ErrorCode.NOT_SUPPORTED
          : ErrorCode.SYNTAX_ERROR, "SHOW " + what + " is not supported: Floe shows DATABASES, "
          + "SCHEMAS, TABLES, VIEWS, OBJECTS, COLUMNS and PRIMARY, IMPORTED and EXPORTED KEYS",
          "Query information_schema for anything else.", null);
    }

    /** What Snowflake shows and Floe has no counterpart for (anything else is a syntax error). */
    private static final java.util.Set<String> UNSUPPORTED = java.util.Set.of("WAREHOUSES",
        "USERS", "ROLES", "GRANTS", "FUNCTIONS", "USER", "PROCEDURES", "STAGES", "STREAMS", "TASKS",
        "SEQUENCES", "FILE", "PARAMETERS", "VARIABLES", "SHARES", "INTEGRATIONS", "PIPES",
        "ACCOUNTS", "EXTERNAL", "MATERIALIZED", "DYNAMIC", "UNIQUE", "TRANSACTIONS", "LOCKS",
        "REGIONS", "SESSIONS", "TAGS", "ALERTS", "NETWORK", "RESOURCE");

    private Scope scope(Listed listed) {
      if (accept("account")) {
        return new Scope(Level.ACCOUNT, List.of());
      }
      if (listed == Listed.DATABASES) {
        throw error("SHOW DATABASES lists IN ACCOUNT only");
      }
      if (accept("database")) {
        return new Scope(Level.DATABASE, optionalName(1));
      }
      if (accept("schema")) {
        if (listed == Listed.SCHEMAS) {
          throw error("SHOW SCHEMAS lists IN ACCOUNT or IN DATABASE");
        }
        return new Scope(Level.SCHEMA, optionalName(2));
      }
      if (accept("table") || accept("view")) {
        if (listed != Listed.COLUMNS && !listed.isKeys()) {
          throw error("IN TABLE and IN VIEW are for SHOW COLUMNS and SHOW ... KEYS");
        }
        if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
          throw error("IN TABLE needs the name of a table");
        }
        return new Scope(Level.TABLE, name(3));
      }
      if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
        throw error("IN needs ACCOUNT, DATABASE, SCHEMA, TABLE or a name");
      }
      List<String> name = name(listed == Listed.SCHEMAS ? 1 : 3);
      if (name.size() == 3 && listed != Listed.COLUMNS && !listed.isKeys()) {
        throw error("IN " + String.join(".", name) + " names a table; SHOW "
            + listed.words() + " lists IN a database or schema");
      }
      return name.size() == 3 ? new Scope(Level.TABLE, name) : new Scope(Level.NAMED, name);
    }

    private List<String> optionalName(int maxParts) {
      if (at < tokens.size() && tokens.get(at).isIdentifier() && !isClauseWord(tokens.get(at))) {
        return name(maxParts);
      }
      return List.of();
    }

    /** Words that start the clause after IN ... rather than name an object. */
    private static boolean isClauseWord(SqlLexer.Token t) {
      return t.is("starts") || t.is("limit");
    }

    /** A dotted name of at most {@code maxParts} parts, each as Snowflake reads it. */
    private List<String> name(int maxParts) {
      List<String> parts = new ArrayList<>();
      while (true) {
        if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
          throw error("a name was expected" + (at < tokens.size() ? " at '" + tokens.get(at).text()
              + "'" : " at the end"));
        }
        SqlLexer.Token t = tokens.get(at++);
        String part = t.type() == SqlLexer.Type.QUOTED ? t.identifier() : t.text().toUpperCase(Locale.ROOT);
        if (part.isEmpty()) {
          throw error("an empty name (\"\") names nothing");
        }
        parts.add(part);
        if (at < tokens.size() && tokens.get(at).isSymbol(".")) {
          at++;
          continue;
        }
        break;
      }
      if (parts.size() > maxParts) {
        throw error("'" + String.join(".", parts) + "' has " + parts.size()
            + " parts; at most " + maxParts + " were expected here");
      }
      return parts;
    }

    private boolean accept(String word) {
      if (at < tokens.size() && tokens.get(at).is(word)) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(String word) {
      if (!accept(word)) {
        throw error("'" + word.toUpperCase(Locale.ROOT) + "' was expected"
            + (at < tokens.size() ? " at '" + tokens.get(at).text() + "'" : " at the end"));
      }
    }

    private long number() {
      if (at >= tokens.size() || tokens.get(at).type() != SqlLexer.Type.NUMBER
          || !tokens.get(at).text().matches("\\d{1,9}")) {
        throw error("LIMIT needs a whole number of rows");
      }
      return Long.parseLong(tokens.get(at++).text());
    }

    /**
     * A string literal as Snowflake reads it: {@code ''} and backslash escapes ({@code \'},
     * {@code \\}, {@code \n} ...); in a LIKE {@code pattern}, {@code \%} and {@code \_} keep their
     * backslash, which escapes the wildcard (as does {@code \\_}, the way snowflake-jdbc writes
     * it). The lexer knows no backslash escapes, so the text after the literal is lexed again from
     * where Snowflake's literal ends.
     */
    private String string(String clause, boolean pattern) {
      SqlLexer.Token t = at < tokens.size() ? tokens.get(at) : null;
      if (t != null && t.type() == SqlLexer.Type.STRING && t.text().startsWith("$$")
          && t.text().length() >= 4 && t.text().endsWith("$$")) {
        at++;
        return t.text().substring(2, t.text().length() - 2);
      }
      if (t == null || t.type() != SqlLexer.Type.STRING || !t.text().startsWith("'")) {
        throw error(clause + " needs a string in single quotes");
      }
      int start = t.start();
      StringBuilder value = new StringBuilder();
      int i = start + 1;
      int n = sql.length();
      while (true) {
        if (i >= n) {
          throw error("the string after " + clause + " is not closed");
        }
        char c = sql.charAt(i);
        if (c == '\\' && i + 1 < n) {
          char e = sql.charAt(i + 1);
          switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case '0' -> value.append('\0');
            case '%', '_' -> {
              if (pattern) {
                value.append('\\');
              }
              value.append(e);
            }
            default -> value.append(e);
          }
          i += 2;
        } else if (c == '\'') {
          if (i + 1 < n && sql.charAt(i + 1) == '\'') {
            value.append('\'');
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value.append(c);
          i++;
        }
      }
      List<SqlLexer.Token> rest = new ArrayList<>(tokens.subList(0, at + 1));
      for (SqlLexer.Token next : SqlLexer.significant(sql.substring(i))) {
        rest.add(new SqlLexer.Token(next.type(), next.text(), next.start() + i));
      }
      while (rest.size() > at + 1 && rest.get(rest.size() - 1).isSymbol(";")) {
        rest.remove(rest.size() - 1);
      }
      tokens = rest;
      at++;
      return value.toString();
    }

    private FloeException error(String what) {
      String text = sql.strip();
      return new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error in " + (tokens.get(0).is("show")
          ? "SHOW" : "DESCRIBE") + ": " + what + " (in: "
          + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + ")");
    }
  }
}
