package io.floe.server.sqllogic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The differential harness: runs the corpus's scripts and the generated queries through Floe
 * ({@code jdbc:floe}, tables loaded through the storage API) and through a reference DuckDB, and
 * returns every query's outcome. One project holds a bucket per script.
 */
final class Harness {
  private final HarnessConfig config;
  private final FloeRest rest;
  private final String adminToken;
  private final FloeConnections connections;

  Harness(HarnessConfig config, String floeUrl, String adminToken, FloeConnections connections) {
    this.config = config;
    this.rest = new FloeRest(floeUrl);
    this.adminToken = adminToken;
    this.connections = connections;
  }

  Report run() {
    Report report = new Report();
    Path work;
    try {
      work = Files.createTempDirectory("sqllogic");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String project = "sqllogic";
    String token = rest.createProject(adminToken, project);
    ScriptRunner runner = new ScriptRunner(new ScriptRunner.Target(rest, project, token, connections,
        work, config.timeoutSeconds(), 100_000));
    int index = 0;
    for (Corpus.Entry entry : Corpus.entries(config)) {
      index++;
      SltScript script = parse(entry);
      long start = System.nanoTime();
      runner.run(script, bucket(index, entry.name()), sample(entry.sample()), report);
      log(script.name(), start, report);
    }
    if (config.generated() > 0 && included(QueryGenerator.name(config.seed()))) {
      long start = System.nanoTime();
      SltScript generated = withProbe(QueryGenerator.script(config.seed(), config.generated()));
      runner.run(generated, "generated", sample(r -> true), report);
      log(generated.name(), start, report);
    }
    report.addGetterResults();
    return report;
  }

  /**
   * The generated script with the queries of the file {@code sqllogic.probe} names added, one per
   * line, as {@code <script>:probe<n>}: a way to try queries of one's own over the generated
   * tables ({@code bench/sqllogic.sh --probe FILE --dump}).
   */
  private static SltScript withProbe(SltScript script) {
    String file = System.getProperty("sqllogic.probe", "");
    if (file.isEmpty()) {
      return script;
    }
    java.util.List<SltRecord> records = new java.util.ArrayList<>(script.records());
    try {
      int n = 0;
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          n++;
          records.add(new SltRecord.Query(script.name() + ":probe" + n, n, line, SortMode.NOSORT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SltScript(script.name(), records, script.skipReason());
  }

  private boolean included(String scriptName) {
    return scriptName.contains(config.only())
        && (config.ids().isEmpty() || config.ids().stream().anyMatch(id -> id.startsWith(scriptName + ":")));
  }

  /** The entry's sample, or only the requested ids when replaying. */
  private Predicate<SltRecord> sample(Predicate<SltRecord> entrySample) {
    if (!System.getProperty("sqllogic.probe", "").isEmpty()) {
      return record -> record.id().contains(":probe");
    }
    if (config.ids().isEmpty()) {
      return entrySample;
    }
    return record -> config.ids().contains(record.id());
  }

  private static SltScript parse(Corpus.Entry entry) {
    try {
      return SltParser.parse(entry.name(), Files.readString(entry.file(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return SltScript.skipped(entry.name(), "unreadable: " + e.getMessage());
    }
  }

  /** A Floe bucket name for the script: letters, digits and _, at most 96 characters. */
  static String bucket(int index, String name) {
    String base = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\.test(_slow)?$", "")
        .replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
    String bucket = "s" + index + "_" + base;
    return bucket.length() > 96 ? bucket.substring(0, 96) : bucket;
  }

  private static void log(String script, long start, Report report) {
    System.out.printf(Locale.ROOT, "sqllogic %-70s %6d ms  %s%n", script,
        (System.nanoTime() - start) / 1_000_000, report.summaryLine());
  }
}
