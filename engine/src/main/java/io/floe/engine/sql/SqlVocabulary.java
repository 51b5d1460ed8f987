package io.floe.engine.sql;

import io.floe.engine.api.catalog.ListedFunction;
import java.io.StringReader;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlTableFunction;

/**
 * The words of a flavour's SQL that clients list: the functions its validator knows (Calcite's
 * standard functions, the flavour's libraries, Floe's own) and its reserved words beyond SQL-92
 * (tools quote identifiers that are keywords). Computed once per flavour.
 */
public final class SqlVocabulary {
  /** Names a user can call (not Calcite's internal operators such as {@code $SCALAR_QUERY}). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Map<SqlFlavor, List<ListedFunction>> FUNCTIONS =
      new ConcurrentHashMap<>(new EnumMap<>(SqlFlavor.class));
  private static final Map<SqlFlavor, List<String>> KEYWORDS =
      new ConcurrentHashMap<>(new EnumMap<>(SqlFlavor.class));

  private SqlVocabulary() {}

  /** The functions of {@code flavor}, by lower-case name. */
  public static List<ListedFunction> functions(SqlFlavor flavor) {
    return FUNCTIONS.computeIfAbsent(flavor, f -> {
      TreeMap<String, ListedFunction> functions = new TreeMap<>();
      for (SqlOperator op : f.operatorTable().getOperatorList()) {
        if (op instanceof SqlFunction && NAME.matcher(op.getName()).matches()) {
          String name = op.getName().toLowerCase(Locale.ROOT);
          functions.putIfAbsent(name, new ListedFunction(name, op instanceof SqlTableFunction));
        }
      }
      return List.copyOf(functions.values());
    });
  }

  /** The reserved words of {@code flavor} that are not SQL-92's, as Calcite's parser reports them. */
  public static List<String> keywords(SqlFlavor flavor) {
    return KEYWORDS.computeIfAbsent(flavor, f -> Arrays.stream(f.parserConfig().parserFactory()
            .getParser(new StringReader("")).getMetadata().getJdbcKeywords().split(","))
        .filter(k -> NAME.matcher(k).matches())
        .toList());
  }
}
