package io.floe.server.sqllogic;

import java.util.Locale;

/** How one compared query came out. */
enum Category {
  /** Same answer. */
  AGREE(false),
  /** Both failed: counts as agreement. */
  BOTH_ERROR(false),
  /** Both answered and the answers differ: the worst outcome. */
  WRONG(true),
  /** Floe failed where DuckDB answered. */
  FLOE_ERROR(true),
  /** DuckDB failed where Floe answered. */
  DUCK_ERROR_ONLY(true),
  /** Floe differs as docs/sql.md says it does on purpose. */
  INTENDED(false),
  /** Not compared (out of scope, unsupported table, setting changed); the reason says why. */
  SKIPPED(false);

  private final boolean difference;

  Category(boolean difference) {
    this.difference = difference;
  }

  /** Whether the outcome is a difference the known-differences file must list. */
  boolean isDifference() {
    return difference;
  }

  /** The name used in reports and in the known-differences file. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Category parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
