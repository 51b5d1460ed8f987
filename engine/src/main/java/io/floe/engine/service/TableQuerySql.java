package io.floe.engine.service;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.TableQuery;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.catalog.VisibleBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link TableQuery} into SQL for the engine: identifiers are the catalog's own names,
 * quoted; every value is a {@code ?} parameter; nothing from the client is pasted into the text.
 */
final class TableQuerySql {
  /** A statement and its parameters. */
  record Statement(String sql, List<Object> parameters) {}

  private TableQuerySql() {}

  /**
   * The query over {@code table} as {@code bucket} shows it.
   *
   * @param limit the limit to apply (already defaulted and bounded), or null for none
   */
  static Statement build(String projectId, VisibleBucket bucket, TableDef table, TableQuery query,
      Integer limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(selectList(table, query.columns()));
    sql.append(" FROM ").append(quote(projectId)).append('.').append(quote(bucket.name()))
        .append('.').append(quote(table.name()));
    if (!query.filters().isEmpty()) {
      List<String> conditions = new ArrayList<>();
      for (TableQuery.Filter f : query.filters()) {
        conditions.add(condition(table, f, params));
      }
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (!query.orderBy().isEmpty()) {
      sql.append(" ORDER BY ").append(query.orderBy().stream()
          .map(o -> quote(TableSchemaService.columnName(table, o.column())) + (o.descending() ? " DESC" : " ASC"))
          .collect(Collectors.joining(", ")));
    }
    if (limit != null) {
      sql.append(" LIMIT ").append((int) limit);
    }
    return new Statement(sql.toString(), params);
  }

  private static String selectList(TableDef table, List<String> columns) {
    if (columns.isEmpty()) {
      return table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>();
    for (String c : columns) {
      String name = TableSchemaService.columnName(table, c);
      if (!seen.add(name)) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "column '%s' is listed twice", name);
      }
      names.add(quote(name));
    }
    return String.join(", ", names);
  }

  private static String condition(TableDef table, TableQuery.Filter f, List<Object> params) {
    String name = TableSchemaService.columnName(table, f.column());
    ColumnDef column = table.column(name).orElseThrow();
    String col = quote(name);
    List<Object> values = f.values();
    if (values.size() > TableQuery.MAX_FILTER_VALUES) {
      throw FloeException.invalid("a filter takes at most " + TableQuery.MAX_FILTER_VALUES + " values");
    }
    for (Object v : values) {
      if (v == null || v instanceof java.util.Map || v instanceof java.util.Collection) {
        throw FloeException.invalid("filter values must be strings, numbers or booleans "
            + "(use is_null for NULL)");
      }
    }
    String op = f.operator().wireName();
    switch (f.operator()) {
      case IS_NULL, IS_NOT_NULL -> {
        if (!values.isEmpty()) {
          throw FloeException.invalid("operator " + op + " takes no values");
        }
        return col + (f.operator() == TableQuery.Operator.IS_NULL ? " IS NULL" : " IS NOT NULL");
      }
      case EQ, NE -> {
        if (values.isEmpty()) {
          throw FloeException.invalid("operator " + op + " needs at least one value");
        }
        params.addAll(values);
        String one = col + (f.operator() == TableQuery.Operator.EQ ? " = ?" : " <> ?");
        if (values.size() == 1) {
          return one;
        }
        // OR/AND chains, not IN lists: Calcite turns long IN lists into joins with VALUES.
        String joiner = f.operator() == TableQuery.Operator.EQ ? " OR " : " AND ";
        return values.stream().map(v -> one).collect(Collectors.joining(joiner, "(", ")"));
      }
      default -> {
        if (values.size() != 1) {
          throw FloeException.invalid("operator " + op + " takes exactly one value");
        }
        if (f.operator() == TableQuery.Operator.LIKE && column.type().name() != TypeName.VARCHAR) {
          throw FloeException.of(ErrorCode.TYPE_MISMATCH,
              "operator like needs a VARCHAR column; '%s' is %s", name, column.type());
        }
        params.add(values.get(0));
        String sqlOp = switch (f.operator()) {
          case GT -> " > ?";
          case GE -> " >= ?";
          case LT -> " < ?";
          case LE -> " <= ?";
          default -> " LIKE ?";
        };
        return col + sqlOp;
      }
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
