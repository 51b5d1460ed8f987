package io.floe.engine.catalog;

import io.floe.engine.api.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned catalog migrations. Each is a SQL resource applied once, in order, in its own
 * transaction; the applied versions are recorded in {@code schema_migrations}. A migration is never
 * edited after it ships: changes come as a new file added to {@link #ALL}.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** Every migration, in order. The number prefix is the version. */
  static final List<String> ALL = List.of(
      "V001__core.sql",
      "V002__storage_api.sql",
      "V003__workspaces.sql",
      "V004__snowflake_connections.sql", "V005__registered_buckets.sql",
      "V006__table_profiles.sql",
      "V007__snowflake_users.sql");

  private Migrations() {}

  public static void apply(Sqlite db) {
    db.inTransaction(tx -> {
      tx.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
          + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      return null;
    });
    List<Integer> versions = db.read(tx ->
        tx.query("SELECT version FROM schema_migrations", rs -> rs.getInt(1)));
    Set<Integer> applied = new TreeSet<>(versions);
    for (String name : ALL) {
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      if (applied.contains(version)) {
        continue;
      }
      List<String> statements = statements(read(name));
      db.inTransaction(tx -> {
        for (String sql : statements) {
          tx.execute(sql);
        }
        tx.update("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            version, name, Instant.now().toString());
        return null;
      });
      LOG.info("Applied catalog migration {}", name);
    }
  }

  /** Latest version this build knows. */
  public static int latestVersion() {
    String last = ALL.get(ALL.size() - 1);
    return Integer.parseInt(last.substring(1, last.indexOf("__")));
  }

  private static String read(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
      if (in == null) {
        throw FloeException.internal("missing migration resource " + name, null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw FloeException.internal("cannot read migration " + name, e);
    }
  }

  /** Splits a migration into statements: a statement ends with ';' at the end of a line. */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        result.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }
}
