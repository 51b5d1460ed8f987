package io.floe.server.sqllogic;

import io.floe.server.sqllogic.ReferenceDb.TableShape;
import io.floe.server.sqllogic.SqlText.Kind;
import io.floe.server.sqllogic.SqlText.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps one bucket of Floe holding the reference's tables: the statements a script runs mark the
 * tables they change, and before the next query each changed table is created (or re-created,
 * when its columns changed) through the storage API and fully re-imported from the reference as
 * CSV. Tables Floe cannot hold (types, names, other schemas) are remembered with the reason, and
 * queries naming them or a view are not compared.
 */
final class TableSync {
  private static final Pattern FLOE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,95}");

  private final FloeRest rest;
  private final String project;
  private final String token;
  private final String bucket;
  private final ReferenceDb reference;
  private final Path workDir;
  /** Tables in Floe by lower-case name, with the columns they were created with. */
  private final Map<String, Map<String, String>> inFloe = new HashMap<>();
  /** The names the tables in Floe were created with, by lower-case name. */
  private final Map<String, String> floeNames = new HashMap<>();
  /** Tables Floe cannot hold, by lower-case name, with the reason. */
  private final Map<String, String> unsupported = new HashMap<>();
  private final Set<String> changed = new HashSet<>();
  private boolean allChanged;
  private int imports;

  TableSync(FloeRest rest, String project, String token, String bucket, ReferenceDb reference,
      Path workDir) {
    this.rest = rest;
    this.project = project;
    this.token = token;
    this.bucket = bucket;
    this.reference = reference;
    this.workDir = workDir;
  }

  int imports() {
    return imports;
  }

  /** Notes the tables a statement the reference ran may have changed. */
  void changedBy(String sql) {
    List<Token> t = SqlText.tokens(sql);
    String first = t.isEmpty() ? "" : t.get(0).upper();
    int semicolons = (int) t.stream().filter(x -> x.is(";")).count();
    if (semicolons > 1 || semicolons == 1 && !t.get(t.size() - 1).is(";")) {
      allChanged = true;
      return;
    }
    if (first.equals("EXPLAIN") && t.size() > 2 && t.get(1).is("ANALYZE")) {
      // DuckDB runs the statement it analyzes: EXPLAIN ANALYZE CREATE TABLE ... creates the table.
      changedBy(sql.substring(t.get(2).start()));
      return;
    }
    switch (first) {
      case "SELECT", "VALUES", "BEGIN", "COMMIT", "END", "SET", "RESET", "PRAGMA", "EXPLAIN",
          "DESCRIBE", "SHOW", "SUMMARIZE", "CHECKPOINT", "FORCE", "ANALYZE", "VACUUM", "LOAD",
          "INSTALL", "DETACH", "ATTACH", "USE", "PREPARE", "DEALLOCATE", "COMMENT" -> { }
      case "INSERT" -> target(t, "INTO");
      case "UPDATE" -> target(t, "UPDATE");
      case "DELETE" -> target(t, "FROM");
      case "TRUNCATE" -> target(t, t.size() > 1 && t.get(1).is("TABLE") ? "TABLE" : "TRUNCATE");
      case "COPY" -> target(t, "COPY");
      case "DROP", "ALTER" -> {
        if (t.size() > 1 && t.get(1).is("TABLE")) {
          target(t, "TABLE");
        } else if (t.size() > 1 && !t.get(1).is("VIEW") && !t.get(1).is("INDEX")
            && !t.get(1).is("MACRO") && !t.get(1).is("FUNCTION")) {
          allChanged = true;
        }
      }
      case "CREATE" -> {
        int table = indexOf(t, "TABLE");
        boolean other = t.stream().limit(table < 0 ? t.size() : table).anyMatch(x -> x.is("VIEW")
            || x.is("INDEX") || x.is("MACRO") || x.is("FUNCTION") || x.is("SEQUENCE")
            || x.is("TYPE") || x.is("SCHEMA"));
        if (table >= 0 && !other) {
          target(t, "TABLE");
        } else if (!other) {
          allChanged = true;
        }
      }
      default -> allChanged = true;
    }
  }

  /** Marks the table named after the first {@code keyword} (skipping IF [NOT] EXISTS, OR ...). */
  private void target(List<Token> t, String keyword) {
    int i = indexOf(t, keyword) + 1;
    while (i < t.size() && (t.get(i).is("IF") || t.get(i).is("NOT") || t.get(i).is("EXISTS")
        || t.get(i).is("OR") || t.get(i).is("REPLACE") || t.get(i).is("IGNORE")
        || t.get(i).is("ONLY") || t.get(i).is("INTO"))) {
      i++;
    }
    String name = null;
    while (i < t.size() && t.get(i).isIdentifier()) {
      name = t.get(i).name();
      if (i + 1 < t.size() && t.get(i + 1).is(".")) {
        i += 2;
      } else {
        break;
      }
    }
    if (name == null) {
      allChanged = true;
    } else {
      changed.add(name.toLowerCase(Locale.ROOT));
    }
  }

  private static int indexOf(List<Token> t, String word) {
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is(word)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Brings every changed table into Floe; returns what failed (such tables are dropped from Floe
   * and count as unsupported, so queries naming them are not compared).
   */
  List<String> sync() {
    if (!allChanged && changed.isEmpty()) {
      return List.of();
    }
    List<String> failures = new ArrayList<>();
    List<TableShape> shapes;
    try {
      shapes = reference.tables();
    } catch (SQLException e) {
      return List.of("cannot list the reference's tables: " + e.getMessage());
    }
    Map<String, TableShape> current = new LinkedHashMap<>();
    for (TableShape shape : shapes) {
      String key = shape.name().toLowerCase(Locale.ROOT);
      if (current.containsKey(key)) {
        unsupported.put(key, "table " + shape.name() + " exists in two schemas");
      }
      current.putIfAbsent(key, shape);
    }
    Set<String> names = new HashSet<>(changed);
    if (allChanged) {
      names.addAll(current.keySet());
      names.addAll(inFloe.keySet());
      names.addAll(unsupported.keySet());
    }
    changed.clear();
    allChanged = false;
    for (String name : names) {
      TableShape shape = current.get(name);
      try {
        if (shape == null) {
          unsupported.remove(name);
          drop(name);
        } else {
          load(name, shape);
        }
      } catch (SQLException | RuntimeException e) {
        String message = name + ": " + e.getMessage();
        failures.add(message);
        unsupported.put(name, "loading it failed (" + e.getMessage() + ")");
        try {
          drop(name);
        } catch (RuntimeException again) {
          failures.add(name + ": cannot drop it either: " + again.getMessage());
        }
      }
    }
    return failures;
  }

  private void load(String key, TableShape shape) throws SQLException {
    Optional<String> problem = problem(shape);
    if (problem.isPresent()) {
      drop(key);
      unsupported.put(key, problem.get());
      return;
    }
    unsupported.remove(key);
    Map<String, String> columns = new LinkedHashMap<>();
    List<String> strings = new ArrayList<>();
    for (Map.Entry<String, String> c : shape.columns().entrySet()) {
      FloeTypes.Mapping m = FloeTypes.of(c.getValue()).orElseThrow();
      if (m.widenReferenceTo() != null) {
        reference.execute("ALTER TABLE " + ReferenceDb.ident(shape.name()) + " ALTER COLUMN "
            + ReferenceDb.ident(c.getKey()) + " TYPE " + m.widenReferenceTo());
      }
      columns.put(c.getKey(), m.floeType());
      if (List.of("VARCHAR", "JSON", "UUID").contains(m.floeType())) {
        strings.add(c.getKey());
      }
    }
    if (!columns.equals(inFloe.get(key))) {
      drop(key);
      rest.createTable(project, token, bucket, shape.name(), columns);
      inFloe.put(key, columns);
      floeNames.put(key, shape.name());
    }
    Path csv = workDir.resolve(bucket + "." + key + ".csv");
    try {
      reference.writeCsv(shape.name(), strings, csv);
      rest.importCsv(project, token, bucket, shape.name(), csv);
      imports++;
    } finally {
      try {
        Files.deleteIfExists(csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void drop(String key) {
    if (inFloe.remove(key) != null) {
      rest.deleteTable(project, token, bucket, floeNames.remove(key));
    }
  }

  private static Optional<String> problem(TableShape shape) {
    if (!shape.mainSchema()) {
      return Optional.of("table " + shape.name() + " is in another schema");
    }
    if (shape.collated()) {
      return Optional.of("table " + shape.name() + " has a column with a collation");
    }
    if (!FLOE_NAME.matcher(shape.name()).matches()) {
      return Optional.of("table name " + shape.name() + " is not a Floe name");
    }
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, String> c : shape.columns().entrySet()) {
      if (!FLOE_NAME.matcher(c.getKey()).matches() || !seen.add(c.getKey().toLowerCase(Locale.ROOT))) {
        return Optional.of("column name " + c.getKey() + " is not a Floe name");
      }
      if (FloeTypes.of(c.getValue()).isEmpty()) {
        return Optional.of("type " + c.getValue() + " (table " + shape.name() + ")");
      }
    }
    return Optional.empty();
  }

  /** Why a query cannot be compared because of the tables or views it names, or empty. */
  Optional<String> unsupportedIn(String sql, List<String> views) {
    Set<String> viewNames = new HashSet<>();
    views.forEach(v -> viewNames.add(v.toLowerCase(Locale.ROOT)));
    for (Token t : SqlText.tokens(sql)) {
      if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENT) {
        continue;
      }
      String name = t.name().toLowerCase(Locale.ROOT);
      if (unsupported.containsKey(name)) {
        return Optional.of("unsupported table: " + unsupported.get(name));
      }
      if (viewNames.contains(name) && !inFloe.containsKey(name)) {
        return Optional.of("uses a view");
      }
    }
    return Optional.empty();
  }
}
