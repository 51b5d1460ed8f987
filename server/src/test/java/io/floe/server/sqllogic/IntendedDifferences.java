package io.floe.server.sqllogic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Floe follows PostgreSQL and the SQL standard instead of DuckDB, kept small and explicit. Each
 * entry names its section of {@code docs/sql.md} ("Where Floe differs from DuckDB on purpose").
 *
 * <p>Some differences are settled by running the reference DuckDB with the standard's behaviour
 * ({@link #REFERENCE_SETTINGS}); the rest are classification rules ({@link #RULES}) that turn a
 * difference into {@link Category#INTENDED} instead of an error or a wrong answer.
 */
final class IntendedDifferences {
  /** A DuckDB setting of the reference, and the section of docs/sql.md that explains it. */
  record Setting(String statement, String section) {}

  /**
   * A difference Floe makes on purpose: Floe fails with {@code sqlState} where DuckDB answers, or
   * where DuckDB fails with a message matching {@code duckDbError} (then Floe's SQLSTATE must be
   * exactly this one, so the rule is checked even when both fail).
   */
  record Rule(String name, String sqlState, String section, Pattern duckDbError) {}

  static final List<Setting> REFERENCE_SETTINGS = List.of(
      new Setting("SET integer_division = true", "integer-division"),
      new Setting("SET default_null_order = 'nulls_last'", "null-ordering"),
      new Setting("SET TimeZone = 'UTC'", "time-zone"));

  static final List<Rule> RULES = List.of(
      new Rule("division by zero is an error", "22012", "division-by-zero",
          Pattern.compile("(?i)division by zero")));

  private IntendedDifferences() {}

  /** The rule that explains Floe failing where DuckDB answered, if any. */
  static Optional<Rule> floeFailure(Outcome.Failure floe) {
    return RULES.stream().filter(r -> r.sqlState().equals(floe.sqlState())).findFirst();
  }

  /** The rule both failures fall under whose SQLSTATE Floe did not give, if any. */
  static Optional<Rule> brokenWhenBothFail(Outcome.Failure floe, Outcome.Failure duck) {
    return RULES.stream()
        .filter(r -> r.duckDbError().matcher(duck.message()).find())
        .filter(r -> !r.sqlState().equals(floe.sqlState()))
        .findFirst();
  }
}
