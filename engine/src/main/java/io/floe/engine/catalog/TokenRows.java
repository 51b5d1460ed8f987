package io.floe.engine.catalog;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.TokenRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code tokens} and {@code token_bucket_permissions} tables. */
public final class TokenRows {
  private static final String COLUMNS = "id, kind, project_id, description, is_master, "
      + "can_manage_buckets, created_at, expires_at, revoked_at";

  private TokenRows() {}

  /** Stores a token with the SHA-256 of its secret. */
  public static void insert(Sqlite.Tx tx, TokenRecord t, String secretHash) throws SQLException {
    tx.update("INSERT INTO tokens (id, kind, project_id, description, secret_hash, is_master, "
        + "can_manage_buckets, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        t.id(), t.kind().name().toLowerCase(Locale.ROOT), t.projectId(), t.description(),
        secretHash, t.master() ? 1 : 0, t.canManageBuckets() ? 1 : 0, t.createdAt().toString(),
        t.expiresAt() == null ? null : t.expiresAt().toString(),
        t.revokedAt() == null ? null : t.revokedAt().toString());
    for (Map.Entry<Long, BucketPermission> p : t.bucketPermissions().entrySet()) {
      tx.update("INSERT INTO token_bucket_permissions (token_id, bucket_id, permission) VALUES (?, ?, ?)",
          t.id(), p.getKey(), p.getValue().wireName());
    }
  }

  public static Optional<TokenRecord> byHash(Sqlite.Tx tx, String secretHash) throws SQLException {
    return first(tx, "SELECT " + COLUMNS + " FROM tokens WHERE secret_hash = ?", secretHash);
  }

  public static Optional<TokenRecord> byId(Sqlite.Tx tx, String id) throws SQLException {
    return first(tx, "SELECT " + COLUMNS + " FROM tokens WHERE id = ?", id);
  }

  /** The tokens with these ids (without their bucket permissions), in one statement. */
  public static List<TokenRecord> byIds(Sqlite.Tx tx, List<String> ids) throws SQLException {
    List<TokenRecord> found = new java.util.ArrayList<>();
    // SQLite allows at most 32766 parameters per statement.
    for (int from = 0; from < ids.size(); from += 1000) {
      List<String> part = ids.subList(from, Math.min(ids.size(), from + 1000));
      String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
      found.addAll(tx.query("SELECT " + COLUMNS + " FROM tokens WHERE id IN (" + marks + ")",
          TokenRows::map, part.toArray()));
    }
    return found;
  }

  public static List<TokenRecord> byProject(Sqlite.Tx tx, String projectId) throws SQLException {
    // A Snowflake user's token has no secret: it is the user, listed with the users.
    List<TokenRecord> tokens = tx.query("SELECT " + COLUMNS + " FROM tokens WHERE project_id = ? "
        + "AND id NOT IN (SELECT token_id FROM snowflake_users) ORDER BY created_at, id",
        TokenRows::map, projectId);
    return tokens.stream().map(t -> withPermissions(tx, t)).toList();
  }

  /** The active admin token's secret hash, if there is an admin token. */
  public static Optional<String> adminSecretHash(Sqlite.Tx tx) throws SQLException {
    return tx.queryOne("SELECT secret_hash FROM tokens WHERE kind = 'admin' AND revoked_at IS NULL "
        + "ORDER BY created_at DESC LIMIT 1", rs -> rs.getString(1));
  }

  public static Optional<TokenRecord> admin(Sqlite.Tx tx) throws SQLException {
    return first(tx, "SELECT " + COLUMNS + " FROM tokens WHERE kind = 'admin' AND revoked_at IS NULL "
        + "ORDER BY created_at DESC LIMIT 1");
  }

  /** Deletes a token with its bucket permissions (and the Snowflake user it stands for). */
  public static void delete(Sqlite.Tx tx, String id) throws SQLException {
    tx.update("DELETE FROM tokens WHERE id = ?", id);
  }

  public static void revoke(Sqlite.Tx tx, String id, Instant at) throws SQLException {
    tx.update("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.toString(), id);
  }

  public static void replaceSecret(Sqlite.Tx tx, String id, String secretHash) throws SQLException {
    tx.update("UPDATE tokens SET secret_hash = ? WHERE id = ?", secretHash, id);
  }

  private static Optional<TokenRecord> first(Sqlite.Tx tx, String sql, Object... args)
      throws SQLException {
    Optional<TokenRecord> token = tx.queryOne(sql, TokenRows::map, args);
    return token.map(t -> withPermissions(tx, t));
  }

  private static TokenRecord withPermissions(Sqlite.Tx tx, TokenRecord t) {
    try {
      Map<Long, BucketPermission> permissions = new HashMap<>();
      for (Object[] row : tx.query("SELECT bucket_id, permission FROM token_bucket_permissions "
          + "WHERE token_id = ?", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, t.id())) {
        permissions.put((Long) row[0], BucketPermission.parse((String) row[1]));
      }
      return new TokenRecord(t.id(), t.kind(), t.projectId(), t.description(),
          t.master(), t.canManageBuckets(), permissions, t.createdAt(), t.expiresAt(), t.revokedAt());
    } catch (SQLException e) {
      throw Sqlite.translate(e);
    }
  }

  private static TokenRecord map(ResultSet rs) throws SQLException {
    return new TokenRecord(rs.getString(1),
        TokenRecord.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getString(3),
        rs.getString(4), rs.getInt(5) != 0, rs.getInt(6) != 0, Map.of(),
        Catalog.instant(rs, 7), Catalog.instant(rs, 8), Catalog.instant(rs, 9));
  }
}
