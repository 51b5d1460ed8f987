package io.floe.engine.api.sql;

import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;

/**
 * How SQL identifiers find catalog objects. Parsers fold unquoted identifiers (to lower case for the
 * PostgreSQL flavour, upper case for Snowflake); quoted identifiers keep their case. A name matches an
 * object exactly, or, when the name is in the flavour's folded form (all lower case for PostgreSQL,
 * all upper case for Snowflake, as every unquoted identifier is), the one object whose name equals
 * it ignoring case. Names are unique regardless of case in the catalog, so
 * there is never more than one such object.
 *
 * <p>So {@code select * from in_c_sales.orders} and {@code SELECT * FROM IN_C_SALES.ORDERS} both
 * work, {@code "Orders"} finds only {@code Orders}, and {@code "ORDERS"} does not find {@code orders}.
 */
public final class IdentifierRules {
  private IdentifierRules() {}

  public static boolean matches(String identifier, String objectName, Casing fold) {
    return objectName.equals(identifier)
        || (isFolded(identifier, fold) && objectName.equalsIgnoreCase(identifier));
  }

  /** True when folding would not change the name: it may have been written unquoted. */
  public static boolean isFolded(String name, Casing fold) {
    return switch (fold) {
      case TO_LOWER -> name.equals(name.toLowerCase(Locale.ROOT));
      case TO_UPPER -> name.equals(name.toUpperCase(Locale.ROOT));
      case UNCHANGED -> false;
    };
  }
}
