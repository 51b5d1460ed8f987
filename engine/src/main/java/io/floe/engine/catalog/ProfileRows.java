package io.floe.engine.catalog;

import io.floe.engine.api.catalog.TableDef;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL for the {@code table_profiles} table: one kept profile per table, as JSON. */
public final class ProfileRows {
  /** A kept profile and the data marker of the table when it was computed. */
  public record Kept(String dataMarker, String json) {}

  private ProfileRows() {}

  public static Optional<Kept> byTable(Sqlite.Tx tx, long tableId) throws SQLException {
    return tx.queryOne("SELECT data_marker, profile FROM table_profiles WHERE table_id = ?",
        rs -> new Kept(rs.getString(1), rs.getString(2)), tableId);
  }

  /** Keeps {@code json} as the table's profile, replacing an earlier one. */
  public static void put(Sqlite.Tx tx, TableDef table, String dataMarker, String json,
      Instant computedAt) throws SQLException {
    tx.update("INSERT INTO table_profiles (table_id, project_id, bucket, table_name, data_marker, "
        + "profile, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_id) DO UPDATE SET "
        + "project_id = excluded.project_id, bucket = excluded.bucket, "
        + "table_name = excluded.table_name, data_marker = excluded.data_marker, "
        + "profile = excluded.profile, computed_at = excluded.computed_at", table.id(),
        table.projectId(), table.bucketName(), table.name(), dataMarker, json,
        computedAt.toString());
  }

  /** Whether a table has a kept profile (for tests of deletion). */
  public static boolean exists(Sqlite.Tx tx, long tableId) throws SQLException {
    return tx.queryOne("SELECT 1 FROM table_profiles WHERE table_id = ?", rs -> 1, tableId)
        .isPresent();
  }
}
