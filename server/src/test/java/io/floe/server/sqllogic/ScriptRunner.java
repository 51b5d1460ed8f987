package io.floe.server.sqllogic;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs one script: every statement on a fresh reference DuckDB; before each compared query, the
 * tables it changed are brought into the script's Floe bucket; then the query runs on both and
 * the answers are classified.
 */
final class ScriptRunner {
  /** Where the harness runs: REST, project, JDBC, limits and a scratch directory. */
  record Target(FloeRest rest, String project, String token, FloeConnections connections,
      Path workDir, int timeoutSeconds, int maxRows) {}

  private final Target target;

  ScriptRunner(Target target) {
    this.target = target;
  }

  /**
   * Whether the statement is a SET, RESET or PRAGMA, which the reference does not run: Floe has no
   * such settings, so the reference keeps Floe's semantics ({@link
   * IntendedDifferences#REFERENCE_SETTINGS}) whatever a script sets (null order, collation, integer
   * division, ...), and verification and tuning pragmas only cost time.
   */
  static boolean isSetting(String sql) {
    String first = SqlText.firstWord(sql);
    return first.equals("SET") || first.equals("RESET") || first.equals("PRAGMA");
  }

  /**
   * Runs {@code script} in bucket {@code bucket}; {@code sampled} picks the queries to compare (the
   * others are not run at all); results go to {@code report}.
   */
  void run(SltScript script, String bucket, Predicate<SltRecord> sampled, Report report) {
    if (script.skipReason() != null) {
      report.scriptSkipped(script.name(), script.skipReason());
      return;
    }
    target.rest().createBucket(target.project(), target.token(), bucket);
    try (ReferenceDb reference = new ReferenceDb()) {
      TableSync tables = new TableSync(target.rest(), target.project(), target.token(), bucket,
          reference, target.workDir());
      new Run(script, bucket, reference, tables, sampled, report).records();
      report.imports(tables.imports());
    } finally {
      target.rest().deleteBucket(target.project(), target.token(), bucket);
    }
  }

  /** The state of one script's run. */
  private final class Run {
    private final SltScript script;
    private final String bucket;
    private final ReferenceDb reference;
    private final TableSync tables;
    private final Predicate<SltRecord> sampled;
    private final Report report;
    private Connection floe;
    private List<String> views = List.of();
    private boolean viewsStale = true;
    /** Types the script made with CREATE TYPE, upper case: Floe has no user-defined types. */
    private final java.util.Set<String> userTypes = new java.util.HashSet<>();

    Run(SltScript script, String bucket, ReferenceDb reference, TableSync tables,
        Predicate<SltRecord> sampled, Report report) {
      this.script = script;
      this.bucket = bucket;
      this.reference = reference;
      this.tables = tables;
      this.sampled = sampled;
      this.report = report;
    }

    /** The type a {@code CREATE TYPE name AS ...} statement makes, upper case. */
    private static List<String> createdType(String sql) {
      List<SqlText.Token> t = SqlText.tokens(sql);
      return t.size() > 2 && t.get(0).is("CREATE") && t.get(1).is("TYPE")
          ? List.of(t.get(2).upper()) : List.of();
    }

    /** A query that casts to a type the script created (Floe has no CREATE TYPE). */
    private Optional<String> usesUserType(String sql) {
      if (userTypes.isEmpty()) {
        return Optional.empty();
      }
      List<SqlText.Token> t = SqlText.tokens(sql);
      for (int i = 1; i < t.size(); i++) {
        if ((t.get(i - 1).is("::") || t.get(i - 1).is("AS")) && userTypes.contains(t.get(i).upper())) {
          return Optional.of("user-defined type (CREATE TYPE)");
        }
      }
      return Optional.empty();
    }

    void records() {
      try {
        for (SltRecord record : script.records()) {
          record(record);
        }
      } finally {
        closeFloe();
      }
    }

    private void record(SltRecord record) {
      String sql = SqlText.withoutTrailingSemicolon(record.sql()
          .replace("__TEST_DIR__", target.workDir().toString())
          .replace("{TEST_DIR}", target.workDir().toString())
          .replace("{TEMP_DIR}", target.workDir().toString()));
      if (isSetting(sql)) {
        return;
      }
      if (!SqlText.isQuery(sql)) {
        if (record instanceof SltRecord.Query && sampled.test(record)) {
          report.add(QueryResult.skipped(record.id(), script.name(), sql,
              QueryScope.outOfScope(sql).orElse("not a query")));
        }
        reference.run(sql, target.timeoutSeconds(), target.maxRows());
        tables.changedBy(sql);
        userTypes.addAll(createdType(sql));
        viewsStale = true;
        return;
      }
      if (!sampled.test(record)) {
        return;
      }
      Optional<String> skip = QueryScope.outOfScope(sql).or(() -> usesUserType(sql))
          .or(() -> tables.unsupportedIn(sql, views()));
      if (skip.isPresent()) {
        reference.run(sql, target.timeoutSeconds(), target.maxRows());
        report.add(QueryResult.skipped(record.id(), script.name(), sql, skip.get()));
        return;
      }
      tables.sync().forEach(failure -> report.loadFailed(script.name(), failure));
      Optional<String> unsupported = tables.unsupportedIn(sql, views());
      if (unsupported.isPresent()) {
        report.add(QueryResult.skipped(record.id(), script.name(), sql, unsupported.get()));
        return;
      }
      Outcome duck = reference.run(IntendedDifferences.forReference(sql), target.timeoutSeconds(),
          target.maxRows());
      Outcome floeAnswer = floeQuery(sql);
      if (Boolean.getBoolean("sqllogic.dump")) {
        System.out.println("DUMP " + record.id() + "\n  sql:    " + sql + "\n  floe:   " + floeAnswer
            + "\n  duckdb: " + duck);
      }
      List<String> labels = duck instanceof Outcome.Rows r ? r.labels()
          : floeAnswer instanceof Outcome.Rows r ? r.labels() : List.of();
      report.add(Classifier.classify(record, script.name(), floeAnswer, duck,
          OrderBy.of(sql, labels)));
    }

    private List<String> views() {
      if (viewsStale) {
        try {
          views = reference.views();
        } catch (SQLException e) {
          views = List.of();
        }
        viewsStale = false;
      }
      return views;
    }

    private Outcome floeQuery(String sql) {
      try {
        if (floe == null) {
          floe = target.connections().open(target.token(), bucket);
        }
        try (Statement s = floe.createStatement()) {
          s.setQueryTimeout(target.timeoutSeconds());
          try (ResultSet rs = s.executeQuery(sql)) {
            return new Outcome.Rows(ReferenceDb.labels(rs.getMetaData()),
                Cells.read(rs, target.maxRows(), report::getterUsed));
          }
        }
      } catch (SQLException e) {
        if (floe != null && isClosed(floe)) {
          closeFloe();
        }
        return Outcome.Failure.of(e);
      } catch (RuntimeException e) {
        closeFloe();
        return new Outcome.Failure("", e.toString());
      }
    }

    private boolean isClosed(Connection c) {
      try {
        return c.isClosed();
      } catch (SQLException e) {
        return true;
      }
    }

    private void closeFloe() {
      if (floe != null) {
        try {
          floe.close();
        } catch (SQLException ignored) {
          // the next query opens a new connection
        }
        floe = null;
      }
    }
  }
}
