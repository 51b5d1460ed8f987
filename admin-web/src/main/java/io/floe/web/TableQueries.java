package io.floe.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.TableQuery;
import io.floe.http.ApiRequest;
import io.floe.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link TableQuery} from a request: from query parameters ({@code columns=a,b},
 * {@code where=<JSON array of filters>}, {@code order_by=a:desc,b}, {@code limit}) or from the
 * fields of a JSON body with the same names.
 */
final class TableQueries {
  private TableQueries() {}

  /** A filter as clients write it. */
  record FilterSpec(String column, String operator, List<Object> values) {
    TableQuery.Filter toFilter() {
      if (column == null || operator == null) {
        throw FloeException.invalid("every filter needs a 'column' and an 'operator'");
      }
      return new TableQuery.Filter(column, TableQuery.Operator.parse(operator), values);
    }
  }

  /** A sort key as clients write it. */
  record OrderSpec(String column, String order) {
    TableQuery.Order toOrder() {
      if (column == null) {
        throw FloeException.invalid("every order_by entry needs a 'column'");
      }
      return new TableQuery.Order(column, TableQuery.Order.descending(order));
    }
  }

  static TableQuery fromQueryParameters(ApiRequest request) {
    List<String> columns = new ArrayList<>();
    for (String value : request.queryAll("columns")) {
      for (String c : value.split(",")) {
        if (!c.isBlank()) {
          columns.add(c.strip());
        }
      }
    }
    List<TableQuery.Filter> filters = new ArrayList<>();
    for (String where : request.queryAll("where")) {
      List<FilterSpec> specs = Json.read(new java.io.ByteArrayInputStream(
          where.getBytes(java.nio.charset.StandardCharsets.UTF_8)), new TypeReference<>() {});
      specs.forEach(f -> filters.add(spec(f).toFilter()));
    }
    List<TableQuery.Order> order = new ArrayList<>();
    for (String value : request.queryAll("order_by")) {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int colon = part.indexOf(':');
        order.add(colon < 0 ? new TableQuery.Order(part.strip(), false)
            : new TableQuery.Order(part.substring(0, colon).strip(),
                TableQuery.Order.descending(part.substring(colon + 1).strip())));
      }
    }
    return new TableQuery(columns, filters, order, request.queryInt("limit").orElse(null));
  }

  static TableQuery fromBody(List<String> columns, List<FilterSpec> where, List<OrderSpec> orderBy,
      Integer limit) {
    return new TableQuery(columns, where == null ? List.of()
        : where.stream().map(f -> spec(f).toFilter()).toList(),
        orderBy == null ? List.of() : orderBy.stream().map(o -> {
          if (o == null) {
            throw FloeException.invalid("order_by entries must be objects");
          }
          return o.toOrder();
        }).toList(), limit);
  }

  private static FilterSpec spec(FilterSpec f) {
    if (f == null) {
      throw FloeException.invalid("filters must be objects with 'column', 'operator' and 'values'");
    }
    return f;
  }
}
