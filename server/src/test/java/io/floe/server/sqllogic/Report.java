package io.floe.server.sqllogic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every query's outcome of one harness run, with counts per category and per script. */
final class Report {
  private final List<QueryResult> results = new ArrayList<>();
  private final Map<String, EnumMap<Category, Integer>> perScript = new LinkedHashMap<>();
  private final Map<String, String> skippedScripts = new TreeMap<>();
  private final List<String> loadFailures = new ArrayList<>();
  /** Per typed getter of the driver: uses, failures, and the first failure's message. */
  private final Map<String, GetterUse> getters = new TreeMap<>();

  private static final class GetterUse {
    int uses;
    int failures;
    String failure;
  }
  private int imports;

  synchronized void add(QueryResult result) {
    // keep answers only where a report shows them (failures); rows are summarised in the detail
    results.add(new QueryResult(result.id(), result.script(), result.sql(), result.category(),
        result.detail(), failureOnly(result.floe()), failureOnly(result.duck())));
    perScript.computeIfAbsent(result.script(), s -> new EnumMap<>(Category.class))
        .merge(result.category(), 1, Integer::sum);
  }

  private static Outcome failureOnly(Outcome o) {
    return o instanceof Outcome.Failure ? o : null;
  }

  synchronized void scriptSkipped(String script, String reason) {
    skippedScripts.put(script, reason);
  }

  synchronized void loadFailed(String script, String message) {
    loadFailures.add(script + ": " + message);
  }

  /** The driver's typed getter {@code getter} read a value, or failed ({@code failure} not null). */
  synchronized void getterUsed(String getter, String failure) {
    GetterUse use = getters.computeIfAbsent(getter, g -> new GetterUse());
    use.uses++;
    if (failure != null) {
      use.failures++;
      if (use.failure == null) {
        use.failure = failure;
      }
    }
  }

  /**
   * Adds one result per typed getter the run used, id {@code driver:<getter>}: a
   * {@link Category#FLOE_ERROR} when it failed on any value (the value was then read with the
   * plain getter, so answers were still compared), else {@link Category#AGREE}.
   */
  synchronized void addGetterResults() {
    getters.forEach((getter, use) -> add(new QueryResult("driver:" + getter, "driver", getter,
        use.failures > 0 ? Category.FLOE_ERROR : Category.AGREE,
        use.failures > 0 ? use.failure + " (" + use.failures + " of " + use.uses + " values)" : "",
        null, null)));
  }

  synchronized void imports(int count) {
    imports += count;
  }

  List<QueryResult> results() {
    return List.copyOf(results);
  }

  Map<String, EnumMap<Category, Integer>> perScript() {
    return perScript;
  }

  Map<String, String> skippedScripts() {
    return skippedScripts;
  }

  List<String> loadFailures() {
    return loadFailures;
  }

  int imports() {
    return imports;
  }

  int count(Category c) {
    return (int) results.stream().filter(r -> r.category() == c).count();
  }

  /** Queries run on both sides (everything but the skipped). */
  int run() {
    return results.size() - count(Category.SKIPPED);
  }

  /** {@code run N, agree A, wrong W, errors E, intended I, skipped S}; agree includes both failing. */
  String summaryLine() {
    return "run " + run() + ", agree " + (count(Category.AGREE) + count(Category.BOTH_ERROR))
        + ", wrong " + count(Category.WRONG)
        + ", errors " + (count(Category.FLOE_ERROR) + count(Category.DUCK_ERROR_ONLY))
        + ", intended " + count(Category.INTENDED) + ", skipped " + count(Category.SKIPPED);
  }
}
