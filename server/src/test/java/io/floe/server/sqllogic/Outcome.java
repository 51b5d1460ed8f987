package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.List;

/** What one side answered: rows in canonical form, or a failure. */
sealed interface Outcome {
  /** Rows and the result's column labels. */
  record Rows(List<String> labels, List<List<Object>> rows) implements Outcome {
    public Rows {
      labels = List.copyOf(labels);
      requireNonNull(rows, "rows");
    }
  }

  /** A failure with its SQLSTATE ("" when the driver gives none) and first message line. */
  record Failure(String sqlState, String message) implements Outcome {
    public Failure {
      sqlState = sqlState == null ? "" : sqlState;
      message = message == null ? "" : message;
    }

    static Failure of(SQLException e) {
      return new Failure(e.getSQLState(), e.getMessage());
    }

    /** The message's first line, for reports. */
    String firstLine() {
      String m = message.strip();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }

    @Override public String toString() {
      return (sqlState.isEmpty() ? "" : sqlState + " ") + firstLine();
    }
  }
}
