package io.floe.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code snowflake_users} table; a user's rights are in its token's rows. */
public final class SnowflakeUserRows {
  private static final String COLUMNS = "project_id, name, token_id, public_key, fingerprint, created_at";

  private SnowflakeUserRows() {}

  /**
   * A stored user.
   *
   * @param publicKey the DER SubjectPublicKeyInfo in base64
   * @param fingerprint {@code SHA256:<base64>}
   */
  public record Row(String projectId, String name, String tokenId, String publicKey,
      String fingerprint, Instant createdAt) {
    public Row {
      requireNonNull(projectId, "projectId");
      requireNonNull(name, "name");
      requireNonNull(tokenId, "tokenId");
      requireNonNull(publicKey, "publicKey");
      requireNonNull(fingerprint, "fingerprint");
      requireNonNull(createdAt, "createdAt");
    }
  }

  public static void insert(Sqlite.Tx tx, Row r) throws SQLException {
    tx.update("INSERT INTO snowflake_users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        r.projectId(), r.name(), r.tokenId(), r.publicKey(), r.fingerprint(),
        r.createdAt().toString());
  }

  /** The user, with project id and name compared case-insensitively. */
  public static Optional<Row> byName(Sqlite.Tx tx, String projectId, String name)
      throws SQLException {
    return tx.queryOne("SELECT " + COLUMNS + " FROM snowflake_users WHERE project_id = ? COLLATE "
        + "NOCASE AND name = ? COLLATE NOCASE", SnowflakeUserRows::map, projectId, name);
  }

  public static List<Row> byProject(Sqlite.Tx tx, String projectId) throws SQLException {
    return tx.query("SELECT " + COLUMNS + " FROM snowflake_users WHERE project_id = ? ORDER BY name",
        SnowflakeUserRows::map, projectId);
  }

  public static void delete(Sqlite.Tx tx, String projectId, String name) throws SQLException {
    tx.update("DELETE FROM snowflake_users WHERE project_id = ? AND name = ?", projectId, name);
  }

  /** Whether the token is a Snowflake user's (such tokens are not shown as project tokens). */
  public static boolean ownsToken(Sqlite.Tx tx, String tokenId) throws SQLException {
    return tx.queryOne("SELECT 1 FROM snowflake_users WHERE token_id = ?", rs -> 1, tokenId)
        .isPresent();
  }

  private static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), Catalog.instant(rs, 6));
  }
}
