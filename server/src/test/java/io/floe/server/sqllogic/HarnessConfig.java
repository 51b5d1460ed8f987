package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The harness's settings, each read once from a system property:
 *
 * <ul>
 *   <li>{@code sqllogic.mode}: {@code fast} (default; the slice in {@code fast-slice.txt} and 500
 *       generated queries) or {@code full} (every script and 20,000 generated queries);
 *   <li>{@code sqllogic.corpus}: the corpus directory (default: {@code floe.sqllogic.dir}, the
 *       vendored {@code sqllogictest} resources);
 *   <li>{@code sqllogic.only}: run only scripts whose name contains this text;
 *   <li>{@code sqllogic.ids}: run only these query ids (comma-separated), to replay failures;
 *   <li>{@code sqllogic.seed}, {@code sqllogic.generated}: the generator's seed and query count;
 *   <li>{@code sqllogic.record}: {@code true} rewrites the known-differences file from this run;
 *   <li>{@code sqllogic.known}: the known-differences file;
 *   <li>{@code sqllogic.report}: where {@code summary.md} and {@code results.tsv} go;
 *   <li>{@code sqllogic.timeout}: seconds per query on each side.
 * </ul>
 */
record HarnessConfig(boolean full, Path corpus, String only, Set<String> ids, long seed,
    int generated, boolean record, Path known, Path reportDir, int timeoutSeconds) {
  static final long DEFAULT_SEED = 20240611L;

  HarnessConfig {
    requireNonNull(corpus, "corpus");
    requireNonNull(only, "only");
    ids = Set.copyOf(ids);
    requireNonNull(known, "known");
    requireNonNull(reportDir, "reportDir");
    if (generated < 0 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("sqllogic.generated must be >= 0, sqllogic.timeout >= 1");
    }
  }

  static HarnessConfig fromSystemProperties() {
    String mode = System.getProperty("sqllogic.mode", "fast").toLowerCase(Locale.ROOT);
    if (!mode.equals("fast") && !mode.equals("full")) {
      throw new IllegalArgumentException("sqllogic.mode is fast or full, not " + mode);
    }
    boolean full = mode.equals("full");
    Path resources = Path.of(System.getProperty("floe.sqllogic.dir", "src/test/resources/sqllogictest"));
    Path corpus = Path.of(System.getProperty("sqllogic.corpus", resources.toString()));
    if (!Files.isDirectory(corpus)) {
      throw new IllegalArgumentException("sqllogic.corpus is not a directory: " + corpus);
    }
    Set<String> ids = Arrays.stream(System.getProperty("sqllogic.ids", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    return new HarnessConfig(full, corpus,
        System.getProperty("sqllogic.only", ""), ids,
        Long.parseLong(System.getProperty("sqllogic.seed", Long.toString(DEFAULT_SEED))),
        Integer.parseInt(System.getProperty("sqllogic.generated", full ? "20000" : "500")),
        Boolean.parseBoolean(System.getProperty("sqllogic.record", "false")),
        Path.of(System.getProperty("sqllogic.known", resources.resolve("known-differences.txt").toString())),
        Path.of(System.getProperty("sqllogic.report", "target/sqllogic")),
        Integer.parseInt(System.getProperty("sqllogic.timeout", full ? "60" : "30")));
  }

  /** Whether the run is narrowed to some scripts or queries (a replay, not a whole slice). */
  boolean narrowed() {
    return !only.isEmpty() || !ids.isEmpty();
  }
}
