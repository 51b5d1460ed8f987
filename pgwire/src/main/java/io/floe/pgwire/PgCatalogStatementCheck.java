package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last check before the {@link PgCatalogMirror} runs a text: DuckDB's own parser must read it
 * as exactly one SELECT ({@code json_serialize_sql} serializes SELECT statements only and lists
 * every statement it parsed). Whatever Floe's routing and rewriting believed about the text, a
 * second statement, a write, an ATTACH, COPY or SET never reaches the mirror.
 *
 * <p>Verdicts are cached per text (clients repeat their catalog queries), at most {@link #CACHED}.
 */
final class PgCatalogStatementCheck {
  static final int CACHED = 256;
  private static final String PARSE = "SELECT j->>'$.error', j->>'$.error_type', "
      + "j->>'$.error_message', json_array_length(j, '$.statements') "
      + "FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)";

  /** A refusal, or {@link #ACCEPTED}. */
  private record Verdict(ErrorCode code, String message) {}

  private static final Verdict ACCEPTED = new Verdict(null, null);

  private static final Map<String, Verdict> VERDICTS = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
      return size() > CACHED;
    }
  };

  private PgCatalogStatementCheck() {}

  /** Throws 42601 if DuckDB cannot parse {@code sql}, 42501 unless it is one SELECT. */
  static void requireSingleSelect(Connection duckDb, String sql) throws SQLException {
    Verdict verdict;
    synchronized (VERDICTS) {
      verdict = VERDICTS.get(sql);
    }
    if (verdict == null) {
      verdict = judge(duckDb, sql);
      synchronized (VERDICTS) {
        VERDICTS.put(sql, verdict);
      }
    }
    if (verdict != ACCEPTED) {
      throw new FloeException(verdict.code(), verdict.message());
    }
  }

  private static Verdict judge(Connection duckDb, String sql) throws SQLException {
    try (PreparedStatement ps = duckDb.prepareStatement(PARSE)) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if ("true".equals(rs.getString(1))) {
          return "parser".equals(rs.getString(2))
              ? new Verdict(ErrorCode.SYNTAX_ERROR, rs.getString(3))
              : new Verdict(ErrorCode.ACCESS_DENIED,
                  "permission denied: the PostgreSQL catalog answers queries only");
        }
        return rs.getLong(4) == 1 ? ACCEPTED : new Verdict(ErrorCode.SYNTAX_ERROR,
            "a catalog query must be exactly one statement");
      }
    }
  }
}
