package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;

/**
 * What a preview or export reads from one table: columns, structured filters, order and limit. It
 * is never SQL text: the engine turns it into a parameterised query over quoted
 * identifiers that the engine plans like any other statement.
 *
 * @param columns columns to return, in order; empty for all
 * @param filters conditions that all must hold
 * @param orderBy sort keys, in order
 * @param limit most rows to return, or null for the caller's default
 */
public record TableQuery(List<String> columns, List<Filter> filters, List<Order> orderBy,
    Integer limit) {
  public static final int MAX_FILTERS = 100;
  public static final int MAX_FILTER_VALUES = 100;

  public static final TableQuery ALL = new TableQuery(List.of(), List.of(), List.of(), null);

  public TableQuery {
    columns = Inputs.list("columns", columns);
    filters = Inputs.list("where", filters);
    orderBy = Inputs.list("order_by", orderBy);
    if (filters.size() > MAX_FILTERS) {
      throw FloeException.invalid("at most " + MAX_FILTERS + " filters");
    }
  }

  public TableQuery withLimit(Integer newLimit) {
    return new TableQuery(columns, filters, orderBy, newLimit);
  }

  /**
   * One condition: {@code column operator values}. {@code eq} with several values means "any of
   * them", {@code ne} "none of them"; {@code gt}, {@code ge}, {@code lt}, {@code le} and
   * {@code like} take one value, {@code is_null} and {@code is_not_null} none.
   */
  public record Filter(String column, Operator operator, List<Object> values) {
    public Filter {
      requireNonNull(operator, "operator");
      values = values == null ? List.of() : java.util.Collections.unmodifiableList(
          new java.util.ArrayList<>(values));
    }
  }

  /** Filter operators, named as the REST API spells them. */
  public enum Operator {
    EQ, NE, GT, GE, LT, LE, LIKE, IS_NULL, IS_NOT_NULL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Operator parse(String text) {
      if (text != null) {
        for (Operator o : values()) {
          if (o.wireName().equals(text.toLowerCase(Locale.ROOT))) {
            return o;
          }
        }
      }
      throw FloeException.invalid("unknown filter operator '" + text
          + "'; use eq, ne, gt, ge, lt, le, like, is_null or is_not_null");
    }
  }

  /** A sort key. */
  public record Order(String column, boolean descending) {
    public Order {
      requireNonNull(column, "column");
    }

    /** {@code asc} or {@code desc}, any case; null means ascending. */
    public static boolean descending(String direction) {
      if (direction == null) {
        return false;
      }
      return switch (direction.toLowerCase(Locale.ROOT)) {
        case "asc" -> false;
        case "desc" -> true;
        default -> throw FloeException.invalid("order must be 'asc' or 'desc', got '" + direction + "'");
      };
    }
  }
}
