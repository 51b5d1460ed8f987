package io.floe.engine.api.sql;

import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Snowflake's session commands, which change what a session resolves names against and how it
 * formats values rather than touching data: {@code USE [DATABASE|SCHEMA|WAREHOUSE|ROLE] name},
 * {@code USE db.schema}, and {@code ALTER SESSION SET|UNSET name = value, ...}. Every
 * Snowflake-facing front-end reads them here and keeps the state they set in its session, as the
 * PostgreSQL front-end keeps {@code SET}.
 *
 * <p>Names follow Snowflake's rule: unquoted ones fold to upper case, quoted ones stay as written.
 * A Floe project is a Snowflake database and a bucket a schema; the front-end resolves the names
 * against the catalog without regard to case.
 */
public sealed interface SnowflakeSessionCommand {
  /** {@code USE [SECONDARY] ROLE|WAREHOUSE name}: accepted and remembered, nothing else changes. */
  record UseOther(String kind, String name) implements SnowflakeSessionCommand {}

  /** {@code USE DATABASE d}: the database, and its default schema. */
  record UseDatabase(String database) implements SnowflakeSessionCommand {}

  /** {@code USE SCHEMA s}, {@code USE SCHEMA d.s} or {@code USE d.s}: the schema (and database). */
  record UseSchema(String database, String schema) implements SnowflakeSessionCommand {}

  /** {@code ALTER SESSION SET a = 1, b = 'x'} or {@code ALTER SESSION UNSET a, b}. */
  record AlterSession(Map<String, String> set, List<String> unset) implements SnowflakeSessionCommand {}

  /** The command {@code sql} is, or empty for any other statement. */
  static Optional<SnowflakeSessionCommand> parse(String sql) {
    List<SqlLexer.Token> t = new ArrayList<>(SqlLexer.significant(sql));
    while (!t.isEmpty() && t.get(t.size() - 1).isSymbol(";")) {
      t.remove(t.size() - 1);
    }
    if (t.size() >= 2 && t.get(0).is("use")) {
      return Optional.of(use(t.subList(1, t.size()), sql));
    }
    if (t.size() >= 3 && t.get(0).is("alter") && t.get(1).is("session")) {
      return Optional.of(alter(t.subList(2, t.size()), sql));
    }
    return Optional.empty();
  }

  private static SnowflakeSessionCommand use(List<SqlLexer.Token> t, String sql) {
    String kind = "SCHEMA";
    int i = 0;
    if (t.get(0).is("secondary")) {
      i++;
    }
    SqlLexer.Token first = t.get(i);
    if (first.is("database") || first.is("schema") || first.is("warehouse") || first.is("role")) {
      kind = first.text().toUpperCase(Locale.ROOT);
      i++;
    }
    // name ( . name )*
    List<String> name = new ArrayList<>();
    while (i < t.size()) {
      if (!t.get(i).isIdentifier()) {
        throw invalid(sql);
      }
      name.add(name(t.get(i++)));
      if (i < t.size() && (!t.get(i++).isSymbol(".") || i == t.size())) {
        throw invalid(sql);
      }
    }
    if (name.isEmpty()) {
      throw invalid(sql);
    }
    return switch (kind) {
      case "DATABASE" -> {
        if (name.size() != 1) {
          throw invalid(sql);
        }
        yield new UseDatabase(name.get(0));
      }
      case "SCHEMA" -> {
        if (name.size() > 2) {
          throw invalid(sql);
        }
        yield name.size() == 2 ? new UseSchema(name.get(0), name.get(1)) : new UseSchema(null, name.get(0));
      }
      default -> new UseOther(kind, String.join(".", name));
    };
  }

  private static SnowflakeSessionCommand alter(List<SqlLexer.Token> t, String sql) {
    Map<String, String> set = new LinkedHashMap<>();
    List<String> unset = new ArrayList<>();
    boolean setting = t.get(0).is("set");
    if (!setting && !t.get(0).is("unset")) {
      throw invalid(sql);
    }
    int i = 1;
    while (i < t.size()) {
      SqlLexer.Token key = t.get(i++);
      if (!key.isIdentifier()) {
        throw invalid(sql);
      }
      String name = key.text().toUpperCase(Locale.ROOT);
      if (setting) {
        if (i >= t.size() || !t.get(i).isSymbol("=")) {
          throw invalid(sql);
        }
        i++;
        // One value: a string, a number (with its sign), or a word such as TRUE or UTC.
        StringBuilder value = new StringBuilder();
        if (i < t.size() && (t.get(i).isSymbol("-") || t.get(i).isSymbol("+"))) {
          value.append(t.get(i++).text());
        }
        if (i >= t.size() || t.get(i).isSymbol(",")) {
          throw invalid(sql);
        }
        SqlLexer.Token v = t.get(i++);
        value.append(v.type() == SqlLexer.Type.STRING
            ? v.text().substring(1, v.text().length() - 1).replace("''", "'") : v.text());
        set.put(name, value.toString());
      } else {
        unset.add(name);
      }
      if (i < t.size()) {
        if (!t.get(i).isSymbol(",")) {
          throw invalid(sql);
        }
        i++;
      }
    }
    if (set.isEmpty() && unset.isEmpty()) {
      throw invalid(sql);
    }
    return new AlterSession(Map.copyOf(set), List.copyOf(unset));
  }

  /** An identifier as Snowflake reads it: unquoted upper-cased, quoted exactly. */
  private static String name(SqlLexer.Token token) {
    return token.type() == SqlLexer.Type.QUOTED ? token.identifier() : token.text().toUpperCase(Locale.ROOT);
  }

  private static FloeException invalid(String sql) {
    return new FloeException(io.floe.engine.api.ErrorCode.SYNTAX_ERROR,
        "syntax error in session command: " + (sql.length() > 200 ? sql.substring(0, 200) + "…" : sql.strip()));
  }
}
