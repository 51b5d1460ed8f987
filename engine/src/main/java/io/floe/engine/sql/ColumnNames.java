package io.floe.engine.sql;

import io.floe.engine.api.sql.ResultColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Names of result columns as PostgreSQL gives them ({@code FigureColname}): an alias if there is
 * one; a column's name; a function's name ({@code count}, {@code coalesce}, {@code upper}); a cast
 * takes its operand's name, else its type's ({@code int4}); {@code case}; {@code ?column?} for
 * anything else (operators, literals). Calcite would say {@code EXPR$0}.
 *
 * <p>Names are read from the statement as written, before validation rewrites it (COALESCE becomes
 * a CASE), and matched with the validated select list, where {@code *} has been expanded.
 */
final class ColumnNames {
  static final String UNNAMED = "?column?";

  /** PostgreSQL's names of the types a cast can name. */
  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
      Map.entry("INTEGER", "int4"), Map.entry("INT", "int4"), Map.entry("SMALLINT", "int2"),
      Map.entry("BIGINT", "int8"), Map.entry("TINYINT", "int2"), Map.entry("REAL", "float4"),
      Map.entry("DOUBLE", "float8"), Map.entry("FLOAT", "float8"), Map.entry("DECIMAL", "numeric"),
      Map.entry("NUMERIC", "numeric"), Map.entry("BOOLEAN", "bool"), Map.entry("VARCHAR", "varchar"),
      Map.entry("CHAR", "bpchar"), Map.entry("DATE", "date"), Map.entry("TIME", "time"),
      Map.entry("TIMESTAMP", "timestamp"), Map.entry("VARBINARY", "bytea"));

  /** What is known of each select item before validation: its name, or that it is a star. */
  private record Item(@Nullable String name, boolean star) {}

  private final List<Item> items;

  private ColumnNames(List<Item> items) {
    this.items = items;
  }

  /** Reads the names of a parsed statement's result columns; call before validation. */
  static ColumnNames of(SqlNode parsed) {
    SqlSelect select = outputSelect(parsed);
    List<Item> items = new ArrayList<>();
    if (select != null) {
      for (SqlNode item : select.getSelectList()) {
        boolean star = item instanceof SqlIdentifier id && id.isStar();
        items.add(new Item(star ? null : name(item), star));
      }
    }
    return new ColumnNames(items);
  }

  /** {@code columns} with the labels PostgreSQL would give them. */
  List<ResultColumn> relabel(SqlNode validated, List<ResultColumn> columns) {
    List<@Nullable String> labels = labels(validated, columns.size());
    if (labels.size() != columns.size()) {
      return columns;
    }
    List<ResultColumn> relabeled = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      String label = labels.get(i);
      relabeled.add(label == null ? columns.get(i) : columns.get(i).withLabel(label));
    }
    return relabeled;
  }

  /**
   * The labels of the validated statement's {@code count} result columns, or null where the
   * default name stands.
   */
  List<@Nullable String> labels(SqlNode validated, int count) {
    List<@Nullable String> labels = new ArrayList<>();
    SqlSelect select = outputSelect(validated);
    if (select == null) {
      return labels;
    }
    SqlNodeList expanded = select.getSelectList();
    long stars = items.stream().filter(Item::star).count();
    if (expanded.size() != count) {
      return labels;
    }
    if (stars == 0 && items.size() == count) {
      items.forEach(i -> labels.add(i.name()));
      return labels;
    }
    if (stars == 1) {
      int expansion = count - (items.size() - 1);
      int position = 0;
      for (Item item : items) {
        if (item.star()) {
          for (int k = 0; k < expansion; k++, position++) {
            labels.add(name(expanded.get(position)));
          }
        } else {
          labels.add(item.name());
          position++;
        }
      }
      return labels;
    }
    // Several stars: names from the expanded list itself.
    expanded.forEach(item -> labels.add(name(item)));
    return labels;
  }

  /** The SELECT whose list names the result: under ORDER BY, WITH, and left of set operations. */
  private static @Nullable SqlSelect outputSelect(SqlNode node) {
    SqlNode n = node;
    while (true) {
      if (n instanceof SqlSelect select) {
        return select;
      } else if (n instanceof SqlOrderBy orderBy) {
        n = orderBy.query;
      } else if (n instanceof SqlWith with) {
        n = with.body;
      } else if (n instanceof SqlCall call && n.getKind().belongsTo(SqlKind.SET_QUERY)) {
        n = call.operand(0);
      } else {
        return null;
      }
    }
  }

  /** PostgreSQL's name for an expression. */
  static String name(SqlNode node) {
    String name = figure(node);
    return name == null ? UNNAMED : name;
  }

  private static @Nullable String figure(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? null : id.names.get(id.names.size() - 1);
    }
    if (!(node instanceof SqlCall call)) {
      return null;
    }
    switch (call.getKind()) {
    case AS:
      return ((SqlIdentifier) call.operand(1)).getSimple();
    case CAST:
      // The operand's name if it has one of its own, else the type's (of the outermost cast).
      SqlNode operand = call.operand(0);
      while (operand.getKind() == SqlKind.CAST) {
        operand = ((SqlCall) operand).operand(0);
      }
      String inner = figure(operand);
      if (inner != null) {
        return inner;
      }
      return call.operand(1) instanceof SqlDataTypeSpec type ? typeName(type) : null;
    case CASE:
      return "case";
    case COALESCE:
      return "coalesce";
    case NULLIF:
      return "nullif";
    case GREATEST:
      return "greatest";
    case LEAST:
      return "least";
    case EXISTS:
      return "exists";
    case ARRAY_VALUE_CONSTRUCTOR:
      return "array";
    case ROW:
      return "row";
    case SCALAR_QUERY:
      SqlSelect sub = outputSelect(call.operand(0));
      return sub != null && sub.getSelectList().size() == 1 ? figure(sub.getSelectList().get(0)) : null;
    case OVER:
    case FILTER:
    case WITHIN_GROUP:
    case WITHIN_DISTINCT:
    case RESPECT_NULLS:
    case IGNORE_NULLS:
      return figure(call.operand(0)); // the aggregate's name
    case SELECT:
      SqlSelect select = outputSelect(call);
      return select != null && select.getSelectList().size() == 1
          ? figure(select.getSelectList().get(0)) : null;
    default:
      break;
    }
    if (call.getOperator() instanceof SqlFunction function) {
      return function.getName().toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static @Nullable String typeName(SqlDataTypeSpec spec) {
    String name = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    return TYPE_NAMES.getOrDefault(name, name.toLowerCase(Locale.ROOT));
  }
}
