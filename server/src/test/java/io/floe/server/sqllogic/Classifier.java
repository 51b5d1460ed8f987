package io.floe.server.sqllogic;

import java.util.Optional;

/** Turns the two answers to one query into a {@link QueryResult}. */
final class Classifier {
  private Classifier() {}

  static QueryResult classify(SltRecord record, String script, Outcome floe, Outcome duck,
      OrderBy order) {
    SortMode mode = record instanceof SltRecord.Query q ? q.sortMode() : SortMode.NOSORT;
    Category category;
    String detail;
    if (floe instanceof Outcome.Rows f && duck instanceof Outcome.Rows d) {
      Optional<String> difference = ResultComparator.compare(f, d, mode, order);
      Optional<String> intended = difference.flatMap(x -> IntendedDifferences.explainsRows(
          record.sql(), f, d));
      category = difference.isEmpty() ? Category.AGREE
          : intended.isPresent() ? Category.INTENDED : Category.WRONG;
      detail = intended.or(() -> difference).orElse("");
    } else if (floe instanceof Outcome.Failure f && duck instanceof Outcome.Rows) {
      Optional<IntendedDifferences.Rule> rule = IntendedDifferences.floeFailure(record.sql(), f);
      category = rule.isPresent() ? Category.INTENDED : Category.FLOE_ERROR;
      detail = rule.map(r -> r.name() + " (docs/sql.md#" + r.section() + ")").orElse(f.toString());
    } else if (duck instanceof Outcome.Failure d && floe instanceof Outcome.Rows) {
      Optional<IntendedDifferences.Answer> answer = IntendedDifferences.floeAnswer(record.sql(), d);
      category = answer.isPresent() ? Category.INTENDED : Category.DUCK_ERROR_ONLY;
      detail = answer.map(a -> a.name() + " (docs/sql.md#" + a.section() + ")").orElse(d.toString());
    } else {
      Outcome.Failure f = (Outcome.Failure) floe;
      Optional<IntendedDifferences.Rule> broken =
          IntendedDifferences.brokenWhenBothFail(f, (Outcome.Failure) duck);
      category = broken.isPresent() ? Category.FLOE_ERROR : Category.BOTH_ERROR;
      detail = broken.map(r -> "expected SQLSTATE " + r.sqlState() + " (" + r.name() + ", docs/sql.md#"
              + r.section() + "), got " + f)
          .orElse("Floe: " + floe + "; DuckDB: " + duck);
    }
    return new QueryResult(record.id(), script, record.sql(), category, detail, floe, duck);
  }
}
