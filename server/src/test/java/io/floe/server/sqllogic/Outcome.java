package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

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
    private static final String REMOTE = "Remote driver error: ";
    private static final Pattern EXECUTING =
        Pattern.compile("^(?s:Error -?\\d+ \\([0-9A-Z]*\\) : )?Error while executing SQL \"(?s:.*?)\": ");

    public Failure {
      sqlState = sqlState == null ? "" : sqlState;
      message = message == null ? "" : message;
    }

    static Failure of(SQLException e) {
      return new Failure(e.getSQLState(), e.getMessage());
    }

    /**
     * The message's first line, for reports, without the Avatica client's wrapping ({@code Error
     * N (SQLSTATE) : Error while executing SQL "...": Remote driver error: }).
     */
    String firstLine() {
      String m = message;
      int remote = m.lastIndexOf(REMOTE);
      if (remote >= 0) {
        m = m.substring(remote + REMOTE.length());
      } else {
        m = EXECUTING.matcher(m).replaceFirst("");
      }
      m = m.strip();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }

    @Override public String toString() {
      return (sqlState.isEmpty() ? "" : sqlState + " ") + firstLine();
    }
  }
}
