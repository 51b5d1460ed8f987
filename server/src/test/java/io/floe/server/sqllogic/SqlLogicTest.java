package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.server.DriverJar;
import io.floe.server.TestServer;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Floe answers like DuckDB: DuckDB's own sqllogictest scripts and seeded random queries run
 * through {@code jdbc:floe} and through DuckDB in-process on the same data (docs/sql.md,
 * "Differential SQL tests"). By default a fast slice runs; {@code -Dsqllogic.mode=full} (what
 * {@code bench/sqllogic.sh} does) runs the whole corpus.
 *
 * <p>Fails on any difference missing from {@code known-differences.txt} and on a listed query that
 * now agrees; a full run also fails on any wrong answer at all. With {@code -Dsqllogic.record=true}
 * it rewrites the list instead.
 */
class SqlLogicTest {
  @Test void floeAnswersLikeDuckDb() {
    HarnessConfig config = HarnessConfig.fromSystemProperties();
    Report report;
    try (TestServer floe = TestServer.start()) {
      report = new Harness(config, floe.url(), TestServer.ADMIN_TOKEN, (token, bucket) -> {
        Properties props = new Properties();
        props.setProperty("token", token);
        props.setProperty("schema", bucket);
        return DriverJar.connect(floe.jdbcUrl(), props);
      }).run();
    }
    KnownDifferences known = KnownDifferences.load(config.known());
    KnownDifferences.Check check = known.check(report.results());
    SummaryWriter.write(report, config, check, config.reportDir());
    List<QueryResult> wrong = report.results().stream()
        .filter(r -> r.category() == Category.WRONG).toList();
    System.out.println(report.summaryLine());
    if (!wrong.isEmpty()) {
      System.out.println("WRONG ANSWERS (" + wrong.size() + "), see " + config.reportDir().resolve("summary.md")
          + ":\n" + wrong.stream().map(r -> "  " + r.id() + ": " + SummaryWriter.oneLine(r.sql(), 300)
              + "\n    " + SummaryWriter.oneLine(r.detail(), 500)).collect(Collectors.joining("\n")));
    }
    if (config.record()) {
      if (config.narrowed()) {
        throw new IllegalStateException("sqllogic.record needs a whole run, not sqllogic.only/ids");
      }
      known.record(config.known(), report.results());
      System.out.println("rewrote " + config.known());
      return;
    }
    assertThat(check.unexpected())
        .as("differences not in known-differences.txt (%s); replay one with -Dsqllogic.ids=<id>",
            report.summaryLine())
        .extracting(r -> r.category().label() + " " + r.id() + ": " + SummaryWriter.oneLine(r.sql(), 300)
            + " -> " + SummaryWriter.oneLine(r.detail(), 300))
        .isEmpty();
    assertThat(check.resolved())
        .as("queries in known-differences.txt that no longer differ: remove them "
            + "(or rewrite the file with -Dsqllogic.record=true)")
        .isEmpty();
    if (config.full()) {
      assertThat(wrong).as("wrong answers in the full run: %s", report.summaryLine()).isEmpty();
    }
  }
}
