package io.floe.pgwire;

import io.floe.engine.api.sql.SqlLexer.Token;
import io.floe.engine.api.sql.SqlLexer.Type;
import io.floe.engine.api.sql.LexedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites a catalog query ({@link PgCatalogRouting} decides which statements are) for the
 * {@link PgCatalogMirror}, at the token level (text inside literals and comments is never touched):
 *
 * <ul>
 *   <li>{@code pg_catalog.x} becomes {@code x}, which the mirror's search path resolves to its own
 *       relations and functions first; {@code information_schema.x} becomes {@code floe_is.x};</li>
 *   <li>{@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE pg_catalog.default}
 *       goes;</li>
 *   <li>casts to {@code regclass}, {@code regtype}, {@code regnamespace}, {@code regproc} become
 *       lookups (a literal becomes an oid, any other value its name); {@code ::oid} and
 *       {@code ::name} become DuckDB types; array literals ({@code '{a,b}'::text[]}) are parsed;</li>
 *   <li>{@code current_user}, {@code session_user}, {@code current_setting('x')} and
 *       {@code pg_backend_pid()} become the session's values.</li>
 * </ul>
 */
final class PgCatalogRewriter {
  private PgCatalogRewriter() {}

  /**
   * The statement rewritten for the mirror.
   *
   * @param setting the session's value of a run-time parameter, or null when unknown
   * @param user the session's user name
   */
  static String rewrite(String sql, Function<String, String> setting, String user) {
    return rewrite(LexedStatement.of(sql), setting, user, 0);
  }

  /**
   * {@link #rewrite(String, Function, String)} of a statement already lexed, for the connection
   * whose process id (in BackendKeyData) is {@code pid}.
   */
  static String rewrite(LexedStatement statement, Function<String, String> setting, String user,
      int pid) {
    List<Token> in = statement.tokens();
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
      // pg_backend_pid() -> the connection's process id
      if (t.is("pg_backend_pid") && next < in.size() && in.get(next).isSymbol("(")) {
        int close = skipBlank(in, next + 1);
        if (close < in.size() && in.get(close).isSymbol(")")) {
          emit(out, outTokens, new Token(Type.NUMBER, Integer.toString(pid), t.start()));
          i = close + 1;
          continue;
        }
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
