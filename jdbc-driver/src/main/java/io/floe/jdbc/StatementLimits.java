package io.floe.jdbc;

import java.sql.SQLException;

/** The checks JDBC asks of {@code setFetchSize} and {@code setMaxRows}, for both statement kinds. */
final class StatementLimits {
  private StatementLimits() {}

  static void checkFetchSize(int rows) throws SQLException {
    if (rows < 0) {
      throw new SQLException("the fetch size must be 0 (the connection's) or more, not " + rows,
          "22023");
    }
  }

  static void checkMaxRows(long rows) throws SQLException {
    if (rows < 0) {
      throw new SQLException("max rows must be 0 (no limit) or more, not " + rows, "22023");
    }
  }
}
