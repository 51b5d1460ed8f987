package io.floe.pgwire;

import io.floe.engine.sql.SqlLexer;
import io.floe.engine.sql.SqlLexer.Token;
import io.floe.engine.sql.SqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a statement is a catalog query and rewrites it for the {@link PgCatalogMirror},
 * at the token level (text inside literals and comments is never touched):
 *
 * <ul>
 *   <li>{@code pg_catalog.x} becomes {@code x}, which the mirror's search path resolves to its own
 *       relations and functions first; {@code information_schema.x} becomes {@code floe_is.x};</li>
 *   <li>{@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE pg_catalog.default}
 *       goes;</li>
 *   <li>casts to {@code regclass}, {@code regtype}, {@code regnamespace}, {@code regproc} become
 *       lookups (a literal becomes an oid, any other value its name); {@code ::oid} and
 *       {@code ::name} become DuckDB types; array literals ({@code '{a,b}'::text[]}) are parsed;</li>
 *   <li>{@code current_user}, {@code session_user} and {@code current_setting('x')} become the
 *       session's values.</li>
 * </ul>
 */
final class PgCatalogRewriter {
  private static final Set<String> CATALOG_FUNCTIONS = Set.of("current_setting", "set_config",
      "version", "current_database", "current_schema", "current_schemas", "has_table_privilege",
      "has_schema_privilege", "has_database_privilege", "has_column_privilege",
      "has_function_privilege", "format_type", "obj_description", "col_description",
      "shobj_description", "to_regclass", "to_regtype", "array_upper", "array_lower",
      "txid_current", "inet_server_addr", "inet_server_port", "inet_client_addr", "quote_ident",
      "generate_series", "unnest");
  private static final Set<String> CATALOG_WORDS = Set.of("current_user", "session_user",
      "current_catalog", "current_role");
  private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regnamespace",
      "regproc", "regprocedure", "regrole", "regoper", "regoperator");

  private PgCatalogRewriter() {}

  /** True when the statement reads PostgreSQL's catalog (and so runs in the mirror). */
  static boolean isCatalogQuery(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!t.isIdentifier()) {
        if (t.isSymbol("::") && i + 1 < tokens.size()) {
          String target = tokens.get(i + 1).identifier();
          if (REG_TYPES.contains(target) || target.equals("pg_catalog") || target.equals("oid")
              || target.equals("name")) {
            return true;
          }
        }
        continue;
      }
      String name = t.identifier();
      if (name.equals("pg_catalog") || name.equals("information_schema")) {
        return true;
      }
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
      if (t.type() == Type.WORD && name.startsWith("pg_")
          && (call || isRelationPosition(tokens, i))) {
        return true;
      }
      if (t.type() == Type.WORD && (CATALOG_WORDS.contains(name)
          || (call && CATALOG_FUNCTIONS.contains(name)))) {
        return true;
      }
    }
    return false;
  }

  /** A word right after FROM, JOIN or a comma in a FROM list: a relation name. */
  private static boolean isRelationPosition(List<Token> tokens, int i) {
    if (i == 0) {
      return false;
    }
    Token prev = tokens.get(i - 1);
    return prev.is("from") || prev.is("join") || prev.isSymbol(",") || prev.isSymbol(".");
  }

  /**
   * The statement rewritten for the mirror.
   *
   * @param setting the session's value of a run-time parameter, or null when unknown
   * @param user the session's user name
   */
  static String rewrite(String sql, Function<String, String> setting, String user) {
    List<Token> in = SqlLexer.tokenize(sql);
    List<String> out = new ArrayList<>();
    List<Token> outTokens = new ArrayList<>();
    int i = 0;
    while (i < in.size()) {
      Token t = in.get(i);
      int next = skipBlank(in, i + 1);
      // pg_catalog.x -> x ; information_schema.x -> floe_is.x
      if (t.isIdentifier() && next < in.size() && in.get(next).isSymbol(".")) {
        String name = t.identifier();
        if (name.equals("pg_catalog")) {
          i = skipBlank(in, next + 1);
          continue;
        }
        if (name.equals("information_schema")) {
          emit(out, outTokens, new Token(Type.WORD, "floe_is", t.start()));
          i = next;
          continue;
        }
      }
      // OPERATOR(pg_catalog.~) -> ~
      if (t.is("operator") && next < in.size() && in.get(next).isSymbol("(")) {
        int close = next;
        StringBuilder op = new StringBuilder();
        for (int j = next + 1; j < in.size(); j++) {
          if (in.get(j).isSymbol(")")) {
            close = j;
            break;
          }
          if (in.get(j).type() == Type.OPERATOR) {
            op.append(in.get(j).text());
          }
        }
        emit(out, outTokens, new Token(Type.OPERATOR, " " + op + " ", t.start()));
        i = close + 1;
        continue;
      }
      // COLLATE pg_catalog.default / "default" / "C" -> nothing
      if (t.is("collate")) {
        int j = next;
        if (j < in.size() && in.get(j).identifier().equals("pg_catalog")) {
          j = skipBlank(in, skipBlank(in, j + 1) + 1);
        }
        if (j < in.size() && in.get(j).isIdentifier()) {
          i = j + 1;
          continue;
        }
      }
      // current_user / session_user -> 'user'
      if (t.type() == Type.WORD && (t.is("current_user") || t.is("session_user")
          || t.is("current_role")) && !(next < in.size() && in.get(next).isSymbol("("))) {
        emit(out, outTokens, new Token(Type.STRING, literal(user), t.start()));
        i++;
        continue;
      }
      // current_setting('name') -> 'value'
      if (t.is("current_setting") && next < in.size() && in.get(next).isSymbol("(")) {
        int arg = skipBlank(in, next + 1);
        int after = arg < in.size() ? skipBlank(in, arg + 1) : in.size();
        if (arg < in.size() && in.get(arg).type() == Type.STRING && after < in.size()
            && in.get(after).isSymbol(")")) {
          String value = setting.apply(unquote(in.get(arg).text()));
          if (value != null) {
            emit(out, outTokens, new Token(Type.STRING, literal(value), t.start()));
            i = after + 1;
            continue;
          }
        }
      }
      // ::type casts
      if (t.isSymbol("::") && next < in.size()) {
        int typeAt = next;
        if (in.get(typeAt).isIdentifier() && in.get(typeAt).identifier().equals("pg_catalog")) {
          typeAt = skipBlank(in, skipBlank(in, typeAt + 1) + 1);
        }
        if (typeAt < in.size() && in.get(typeAt).isIdentifier()) {
          String type = in.get(typeAt).identifier();
          int end = typeAt + 1;
          boolean array = false;
          int b = skipBlank(in, end);
          if (b + 1 < in.size() && in.get(b).isSymbol("[") && in.get(skipBlank(in, b + 1)).isSymbol("]")) {
            array = true;
            end = skipBlank(in, b + 1) + 1;
          }
          int operandStart = operandStart(outTokens);
          boolean literalOperand = operandStart == outTokens.size() - 1
              && outTokens.get(operandStart).type() == Type.STRING;
          String replaced = cast(type, array, literalOperand);
          if (replaced != null) {
            if (replaced.startsWith("(")) {
              // A function around the operand.
              String function = replaced.substring(1);
              wrap(out, outTokens, operandStart, function);
            } else {
              emit(out, outTokens, new Token(Type.PUNCT, replaced, t.start()));
            }
            i = end;
            continue;
          }
        }
      }
      // '{a,b}' compared with an array column: as a DuckDB list
      emit(out, outTokens, t);
      i++;
    }
    return String.join("", out);
  }

  /**
   * What a cast becomes: "(fn" to wrap the operand in {@code fn(...)}, text to put instead of the
   * cast, or null to keep it.
   */
  private static String cast(String type, boolean array, boolean literalOperand) {
    if (array) {
      return switch (type) {
        case "text", "varchar", "name", "_text" -> literalOperand ? "(pgc.floe_text_array" : "::VARCHAR[]";
        case "int2", "smallint" -> literalOperand ? "(pgc.floe_int_array" : "::SMALLINT[]";
        case "int4", "int", "integer", "oid", "int8", "bigint" ->
            literalOperand ? "(pgc.floe_int_array" : "::INTEGER[]";
        case "char" -> literalOperand ? "(pgc.floe_text_array" : "::VARCHAR[]";
        default -> null;
      };
    }
    return switch (type) {
      case "regclass" -> literalOperand ? "(pgc.floe_regclass" : "(pgc.floe_regclass_name";
      case "regtype" -> literalOperand ? "(pgc.floe_regtype" : "(pgc.floe_regtype_name";
      case "regnamespace" -> literalOperand ? "(pgc.floe_regnamespace" : "(pgc.floe_regnamespace_name";
      case "regrole" -> literalOperand ? "" : "(pgc.floe_regrole_name";
      case "regproc", "regprocedure", "regoper", "regoperator" -> literalOperand ? "(pgc.floe_regproc" : "";
      case "oid", "xid", "cid" -> "::INTEGER";
      case "name", "char", "bpchar", "int2vector", "oidvector", "unknown" -> "::VARCHAR";
      case "text" -> "::VARCHAR";
      default -> null;
    };
  }

  /** Index in {@code out} where the operand ending at the last token starts. */
  private static int operandStart(List<Token> out) {
    int i = out.size() - 1;
    while (i >= 0 && out.get(i).isBlank()) {
      i--;
    }
    if (i < 0) {
      return 0;
    }
    Token last = out.get(i);
    if (last.isSymbol(")")) {
      int depth = 0;
      for (int j = i; j >= 0; j--) {
        if (out.get(j).isSymbol(")")) {
          depth++;
        } else if (out.get(j).isSymbol("(")) {
          depth--;
          if (depth == 0) {
            int k = j - 1;
            while (k >= 0 && out.get(k).isBlank()) {
              k--;
            }
            if (k >= 0 && out.get(k).type() == Type.WORD && !isKeyword(out.get(k))) {
              return qualifiedStart(out, k);
            }
            return j;
          }
        }
      }
      return i;
    }
    if (last.isIdentifier()) {
      return qualifiedStart(out, i);
    }
    return i;
  }

  private static boolean isKeyword(Token t) {
    return Set.of("select", "where", "and", "or", "not", "in", "on", "when", "then", "else",
        "case", "by", "as", "from", "any", "all", "exists").contains(t.text().toLowerCase(Locale.ROOT));
  }

  private static int qualifiedStart(List<Token> out, int i) {
    while (i >= 2 && out.get(i - 1).isSymbol(".") && out.get(i - 2).isIdentifier()) {
      i -= 2;
    }
    return i;
  }

  private static void wrap(List<String> out, List<Token> outTokens, int start, String function) {
    if (function.isEmpty()) {
      return;
    }
    StringBuilder operand = new StringBuilder();
    while (outTokens.size() > start) {
      operand.insert(0, outTokens.remove(outTokens.size() - 1).text());
      out.remove(out.size() - 1);
    }
    emit(out, outTokens, new Token(Type.WORD, function + "(" + operand.toString().strip() + ")", 0));
  }

  private static void emit(List<String> out, List<Token> outTokens, Token t) {
    out.add(t.text());
    outTokens.add(t);
  }

  private static int skipBlank(List<Token> tokens, int i) {
    while (i < tokens.size() && tokens.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static String unquote(String literal) {
    String body = literal.startsWith("E") || literal.startsWith("e") ? literal.substring(1) : literal;
    return body.substring(1, body.length() - 1).replace("''", "'");
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
