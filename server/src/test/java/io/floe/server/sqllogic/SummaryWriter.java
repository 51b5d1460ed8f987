package io.floe.server.sqllogic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a run's {@code summary.md} (totals, the wrong answers in full, errors grouped by message
 * for triage, skip reasons, per-script counts, the known-differences check) and
 * {@code results.tsv} (every query that did not simply agree).
 */
final class SummaryWriter {
  private static final int EXAMPLES = 2;

  private SummaryWriter() {}

  static void write(Report report, HarnessConfig config, KnownDifferences.Check check, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.md"), markdown(report, config, check));
      Files.writeString(dir.resolve("results.tsv"), tsv(report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String markdown(Report report, HarnessConfig config, KnownDifferences.Check check) {
    StringBuilder md = new StringBuilder();
    md.append("# Floe against DuckDB: differential SQL run\n\n");
    md.append("Mode ").append(config.full() ? "full" : "fast").append(", generator seed ")
        .append(config.seed()).append(" (").append(config.generated()).append(" queries), corpus `")
        .append(config.corpus()).append("`.\n\n");
    md.append("**").append(report.summaryLine()).append("**\n\n");
    md.append("| category | queries |\n|---|---|\n");
    for (Category c : Category.values()) {
      md.append("| ").append(c.label()).append(" | ").append(report.count(c)).append(" |\n");
    }
    long scripts = report.perScript().size();
    md.append("\nScripts run: ").append(scripts).append("; scripts skipped: ")
        .append(report.skippedScripts().size()).append("; table loads through the storage API: ")
        .append(report.imports()).append(".\n");

    List<QueryResult> wrong = of(report, Category.WRONG);
    md.append("\n## Wrong answers: ").append(wrong.size()).append("\n\n");
    if (wrong.isEmpty()) {
      md.append("None.\n");
    } else {
      md.append("**Floe and DuckDB both answered, and the answers differ.**\n\n");
      for (QueryResult r : wrong) {
        md.append("- `").append(r.id()).append("`\n\n  ```sql\n  ").append(oneLine(r.sql(), 2000))
            .append("\n  ```\n\n  ").append(r.detail()).append("\n\n");
      }
    }
    groups(md, "Floe errors (DuckDB answered, or a documented SQLSTATE missed), by message",
        of(report, Category.FLOE_ERROR), SummaryWriter::floeErrorGroup);
    groups(md, "DuckDB errors (Floe answered), by message", of(report, Category.DUCK_ERROR_ONLY),
        r -> group(r.duck()));
    groups(md, "Intended differences, by rule", of(report, Category.INTENDED), QueryResult::detail);
    groups(md, "Both failed, by Floe's message", of(report, Category.BOTH_ERROR), r -> group(r.floe()));
    counts(md, "Skipped queries, by reason", of(report, Category.SKIPPED));
    md.append("\n## Skipped scripts: ").append(report.skippedScripts().size()).append("\n\n");
    Map<String, Integer> reasons = new LinkedHashMap<>();
    report.skippedScripts().values().forEach(reason -> reasons.merge(reason, 1, Integer::sum));
    reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> md.append("- ").append(e.getValue()).append(" × ").append(e.getKey()).append('\n'));
    if (!report.loadFailures().isEmpty()) {
      md.append("\n## Loading through the storage API failed: ").append(report.loadFailures().size())
          .append("\n\n");
      report.loadFailures().forEach(f -> md.append("- ").append(oneLine(f, 400)).append('\n'));
    }
    if (check != null) {
      md.append("\n## Against known-differences.txt\n\n");
      md.append("New differences: ").append(check.unexpected().size())
          .append("; listed queries that no longer differ: ").append(check.resolved().size()).append(".\n\n");
      check.unexpected().forEach(r -> md.append("- new ").append(r.category().label()).append(" `")
          .append(r.id()).append("`: ").append(oneLine(r.detail(), 300)).append('\n'));
      check.resolved().forEach(e -> md.append("- resolved `").append(e.id()).append("`: ")
          .append(e.reason()).append('\n'));
    }
    md.append("\n## Per script\n\n| script | agree | both_error | wrong | floe_error | duck_error_only "
        + "| intended | skipped |\n|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, EnumMap<Category, Integer>> e : report.perScript().entrySet()) {
      EnumMap<Category, Integer> c = e.getValue();
      md.append("| ").append(e.getKey());
      for (Category cat : List.of(Category.AGREE, Category.BOTH_ERROR, Category.WRONG,
          Category.FLOE_ERROR, Category.DUCK_ERROR_ONLY, Category.INTENDED, Category.SKIPPED)) {
        md.append(" | ").append(c.getOrDefault(cat, 0));
      }
      md.append(" |\n");
    }
    return md.toString();
  }

  private static List<QueryResult> of(Report report, Category c) {
    return report.results().stream().filter(r -> r.category() == c).toList();
  }

  private static void groups(StringBuilder md, String title, List<QueryResult> results,
      Function<QueryResult, String> key) {
    Map<String, List<QueryResult>> groups = new LinkedHashMap<>();
    for (QueryResult r : results) {
      groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    md.append("\n## ").append(title).append(": ").append(results.size()).append(" in ")
        .append(groups.size()).append(" groups\n");
    groups.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, List<QueryResult>> e) -> -e.getValue().size()))
        .forEach(e -> {
          md.append("\n### ").append(e.getValue().size()).append(" × ").append(e.getKey()).append("\n\n");
          for (QueryResult r : e.getValue().subList(0, Math.min(EXAMPLES, e.getValue().size()))) {
            md.append("- `").append(r.id()).append("`: `").append(oneLine(r.sql(), 400)).append("`\n");
            md.append("  - ").append(oneLine(r.detail(), 400)).append('\n');
          }
        });
  }

  private static void counts(StringBuilder md, String title, List<QueryResult> results) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    results.forEach(r -> counts.merge(r.detail(), 1, Integer::sum));
    md.append("\n## ").append(title).append(": ").append(results.size()).append("\n\n");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> md.append("- ").append(e.getValue()).append(" × ").append(e.getKey()).append('\n'));
  }

  private static String floeErrorGroup(QueryResult r) {
    if (r.floe() == null) {
      return "the driver's " + r.sql() + " failed: " + r.detail();
    }
    int got = r.detail().indexOf(", got ");
    return r.detail().startsWith("expected SQLSTATE") && got > 0
        ? r.detail().substring(0, got) + ", got " + group(r.floe())
        : group(r.floe());
  }

  /**
   * A failure's message with literals, names in quotes and numbers blanked, so failures of one
   * cause fall into one group.
   */
  static String group(Outcome outcome) {
    if (!(outcome instanceof Outcome.Failure f)) {
      return "(no failure)";
    }
    String m = f.firstLine()
        .replaceAll("'[^']*'", "'…'")
        .replaceAll("\"[^\"]*\"", "\"…\"")
        .replaceAll("`[^`]*`", "`…`")
        .replaceAll("@[0-9a-f]{4,}", "@…")
        .replaceAll("\\b\\d+(\\.\\d+)?\\b", "N");
    if (m.length() > 200) {
      m = m.substring(0, 200) + "…";
    }
    return (f.sqlState().isEmpty() ? "" : f.sqlState() + " ") + m;
  }

  static String tsv(Report report) {
    StringBuilder out = new StringBuilder("id\tcategory\tdetail\tsql\n");
    for (QueryResult r : report.results()) {
      if (r.category() != Category.AGREE) {
        out.append(r.id()).append('\t').append(r.category().label()).append('\t')
            .append(oneLine(r.detail(), 1000)).append('\t').append(oneLine(r.sql(), 4000)).append('\n');
      }
    }
    return out.toString();
  }

  static String oneLine(String text, int max) {
    String s = text.replaceAll("\\s+", " ").strip();
    return s.length() > max ? s.substring(0, max) + "…" : s;
  }
}
