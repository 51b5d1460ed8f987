package io.floe.server.sqllogic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads DuckDB's sqllogictest dialect: {@code statement ok|error|maybe}, {@code query <types>
 * [nosort|rowsort|valuesort|label]} with results after {@code ----}, {@code loop}, {@code foreach}
 * (with DuckDB's type collections) and their concurrent forms, {@code skipif}/{@code onlyif} as
 * DuckDB's runner applies them, {@code mode skip}/{@code unskip}, {@code halt}. Expected results are
 * ignored: the harness compares against a live reference instead. A script that needs what the
 * harness cannot give (other connections, database files, extensions, included files) comes back
 * skipped with the reason.
 */
final class SltParser {
  /** {@code require} arguments that do not change what a query answers. */
  private static final Set<String> HARMLESS_REQUIRES = Set.of("skip_reload", "no_alternative_verify",
      "noforcestorage", "notmingw", "notwindows", "64bit", "no_extension_autoloading", "vector_size",
      "ram", "exact_vector_size", "no_latest_storage", "no_vector_verification", "longdouble");
  private static final Set<String> IGNORED_COMMANDS = Set.of("hash-threshold", "set", "reset", "sleep",
      "tags", "continue", "reconnect", "test-env");

  private final String name;
  private final List<String> lines;
  private int pos;

  private SltParser(String name, String text) {
    this.name = name;
    this.lines = text.lines().toList();
  }

  static SltScript parse(String name, String text) {
    return new SltParser(name, text).parse();
  }

  /** A record or a loop before expansion. */
  private sealed interface Node {}

  private record Raw(boolean query, int line, String sql, String[] params) implements Node {}

  private record Loop(String variable, List<String> values, List<Node> body) implements Node {}

  /** Thrown (and caught in {@link #parse()}) when the script cannot run in the harness. */
  private static final class Unsupported extends Exception {
    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  private SltScript parse() {
    try {
      List<Node> nodes = block(false);
      List<SltRecord> out = new ArrayList<>();
      expand(nodes, Map.of(), out, new HashMap<>());
      return new SltScript(name, out, null);
    } catch (Unsupported e) {
      return SltScript.skipped(name, e.getMessage());
    }
  }

  private List<Node> block(boolean inLoop) throws Unsupported {
    List<Node> nodes = new ArrayList<>();
    boolean skipNext = false;
    boolean skipMode = false;
    while (pos < lines.size()) {
      String line = lines.get(pos);
      if (isEmptyOrComment(line)) {
        pos++;
        continue;
      }
      String[] words = line.trim().split("\\s+");
      String command = words[0];
      int lineNumber = pos + 1;
      pos++;
      switch (command) {
        case "statement", "query" -> {
          String sql = statementText();
          skipResults();
          boolean query = command.equals("query");
          if (!query && words.length > 2) {
            throw new Unsupported("uses several connections (" + words[2] + ")");
          }
          if (query && words.length > 2 && !isSortMode(words[2])) {
            throw new Unsupported("uses several connections (" + words[2] + ")");
          }
          if (!skipNext && !skipMode) {
            nodes.add(new Raw(query, lineNumber, sql, words));
          }
          skipNext = false;
        }
        case "skipif" -> skipNext |= words.length > 1 && words[1].equals("duckdb");
        case "onlyif" -> skipNext |= words.length > 1 && !words[1].equals("duckdb");
        case "mode" -> {
          if (words.length > 1 && words[1].equals("skip")) {
            skipMode = true;
          } else if (words.length > 1 && words[1].equals("unskip")) {
            skipMode = false;
          }
        }
        case "halt" -> {
          pos = lines.size();
          return nodes;
        }
        case "loop", "concurrentloop" -> {
          if (words.length < 4) {
            throw new Unsupported("malformed loop at line " + lineNumber);
          }
          List<String> values = new ArrayList<>();
          for (int i = Integer.parseInt(words[2]); i < Integer.parseInt(words[3]); i++) {
            values.add(Integer.toString(i));
          }
          nodes.add(new Loop(words[1], values, block(true)));
        }
        case "foreach", "concurrentforeach" -> {
          List<String> values = new ArrayList<>();
          for (int i = 2; i < words.length; i++) {
            values.addAll(collection(words[i]));
          }
          nodes.add(new Loop(words[1], values, block(true)));
        }
        case "endloop" -> {
          if (!inLoop) {
            throw new Unsupported("endloop without loop at line " + lineNumber);
          }
          return nodes;
        }
        case "require" -> {
          String what = words.length > 1 ? words[1] : "";
          if (!HARMLESS_REQUIRES.contains(what)) {
            throw new Unsupported("requires " + what);
          }
        }
        case "require-env" -> throw new Unsupported("requires an environment variable");
        case "load", "restart" -> throw new Unsupported("uses a database file (" + command + ")");
        case "include", "unzip" -> throw new Unsupported("uses other files (" + command + ")");
        default -> {
          if (!IGNORED_COMMANDS.contains(command)) {
            throw new Unsupported("unknown command '" + command + "' at line " + lineNumber);
          }
        }
      }
    }
    if (inLoop) {
      throw new Unsupported("loop without endloop");
    }
    return nodes;
  }

  private static boolean isSortMode(String word) {
    return Set.of("nosort", "rowsort", "valuesort").contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean isEmptyOrComment(String line) {
    return line.isBlank() || line.startsWith("#");
  }

  private String statementText() {
    StringBuilder sql = new StringBuilder();
    while (pos < lines.size() && !isEmptyOrComment(lines.get(pos)) && !lines.get(pos).equals("----")) {
      if (sql.length() > 0) {
        sql.append('\n');
      }
      sql.append(lines.get(pos));
      pos++;
    }
    return sql.toString();
  }

  private void skipResults() {
    if (pos < lines.size() && lines.get(pos).equals("----")) {
      pos++;
      while (pos < lines.size() && !lines.get(pos).isEmpty()) {
        pos++;
      }
    }
  }

  /** A foreach value, or one of DuckDB's named collections of types. */
  private static List<String> collection(String token) throws Unsupported {
    String t = token.toLowerCase(Locale.ROOT);
    if (!t.startsWith("<")) {
      return List.of(token);
    }
    List<String> signed = List.of("tinyint", "smallint", "integer", "bigint", "hugeint");
    List<String> unsigned = List.of("utinyint", "usmallint", "uinteger", "ubigint", "uhugeint");
    List<String> floats = List.of("float", "double");
    List<String> out = new ArrayList<>();
    switch (t) {
      case "<signed>" -> out.addAll(signed);
      case "<unsigned>" -> out.addAll(unsigned);
      case "<integral>" -> {
        out.addAll(signed);
        out.addAll(unsigned);
      }
      case "<numeric>" -> {
        out.addAll(signed);
        out.addAll(unsigned);
        out.addAll(floats);
      }
      case "<alltypes>" -> {
        out.addAll(signed);
        out.addAll(unsigned);
        out.addAll(floats);
        out.addAll(List.of("bool", "interval", "varchar"));
      }
      default -> throw new Unsupported("foreach over " + token);
    }
    return out;
  }

  private void expand(List<Node> nodes, Map<String, String> vars, List<SltRecord> out,
      Map<Integer, Integer> executions) {
    for (Node node : nodes) {
      if (node instanceof Loop loop) {
        for (String value : loop.values()) {
          Map<String, String> inner = new HashMap<>(vars);
          inner.put(loop.variable(), value);
          expand(loop.body(), inner, out, executions);
        }
      } else {
        Raw raw = (Raw) node;
        String sql = substitute(raw.sql(), vars);
        int k = executions.merge(raw.line(), 1, Integer::sum);
        String id = name + ":" + raw.line() + (k > 1 ? "#" + k : "");
        if (raw.query()) {
          SortMode mode = raw.params().length > 2 ? SortMode.parse(raw.params()[2]) : SortMode.NOSORT;
          out.add(new SltRecord.Query(id, raw.line(), sql, mode));
        } else {
          String kind = raw.params().length > 1 ? raw.params()[1] : "ok";
          out.add(new SltRecord.Statement(id, raw.line(), sql, !kind.equals("ok")));
        }
      }
    }
  }

  private static String substitute(String sql, Map<String, String> vars) {
    String s = sql;
    for (Map.Entry<String, String> e : vars.entrySet()) {
      s = s.replace("${" + e.getKey() + "}", e.getValue());
    }
    return s;
  }
}
