package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.server.DriverJar;
import io.floe.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/sql.md's examples run as written: each row of its tables gives a statement, Floe's answer
 * and DuckDB's (with DuckDB's defaults, not the harness's settings); every section that
 * {@link IntendedDifferences} cites exists. Where Floe does not answer as documented yet, the
 * example ({@code docs/sql.md:<line>}) must be in known-differences.txt, like any other difference.
 */
class SqlDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|");

  /** An example: its line in docs/sql.md, the statement, and each engine's documented answer. */
  record Example(int line, String sql, String floe, String duckDb) {
    String id() {
      return "docs/sql.md:" + line;
    }
  }

  static String doc() throws IOException {
    return Files.readString(Path.of(System.getProperty("floe.docs.dir", "../docs")).resolve("sql.md"));
  }

  static List<Example> examples(String doc) {
    List<Example> examples = new ArrayList<>();
    List<String> lines = doc.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (m.find()) {
        examples.add(new Example(i + 1, m.group(1), m.group(2).strip(), m.group(3).strip()));
      }
    }
    return examples;
  }

  @Test void everyCitedSectionExists() throws IOException {
    List<String> anchors = doc().lines().filter(l -> l.startsWith("#"))
        .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 -]", "")
            .replace(' ', '-'))
        .toList();
    IntendedDifferences.RULES.forEach(r -> assertThat(anchors).contains(r.section()));
    IntendedDifferences.ANSWERS.forEach(a -> assertThat(anchors).contains(a.section()));
    IntendedDifferences.REFERENCE_SETTINGS.forEach(s -> assertThat(anchors).contains(s.section()));
    IntendedDifferences.REFERENCE_REWRITES.forEach(r -> assertThat(anchors).contains(r.section()));
    assertThat(anchors).contains(IntendedDifferences.ROW_COMPARISONS);
    assertThat(anchors).contains(IntendedDifferences.SIMILAR_TO);
    assertThat(anchors).contains(IntendedDifferences.STRING_FUNCTIONS);
    assertThat(anchors).contains(IntendedDifferences.USING_COLUMNS);
  }

  @Test void examplesAnswerAsDocumented() throws Exception {
    List<Example> examples = examples(doc());
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    List<QueryResult> results = new ArrayList<>();
    try (TestServer floe = TestServer.start();
         Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Properties props = new Properties();
      props.setProperty("token", TestServer.ADMIN_TOKEN);
      try (Connection c = DriverJar.connect(floe.jdbcUrl(), props)) {
        for (Example e : examples) {
          assertThat(answer(duck, e.sql())).as("DuckDB: %s", e.sql()).isEqualTo(e.duckDb());
          String floeAnswer = answer(c, e.sql());
          Category category = floeAnswer.equals(e.floe()) ? Category.AGREE
              : floeAnswer.startsWith("error") ? Category.FLOE_ERROR : Category.WRONG;
          results.add(new QueryResult(e.id(), "docs/sql.md", e.sql(), category,
              "documented " + e.floe() + ", Floe answers " + floeAnswer, null, null));
        }
      }
    }
    HarnessConfig config = HarnessConfig.fromSystemProperties();
    KnownDifferences known = KnownDifferences.load(config.known());
    if (config.record()) {
      known.record(config.known(), results);
      return;
    }
    KnownDifferences.Check check = known.check(results);
    assertThat(check.unexpected()).as("examples Floe does not answer as docs/sql.md says")
        .extracting(r -> r.id() + " " + r.sql() + ": " + r.detail()).isEmpty();
    assertThat(check.resolved()).as("examples in known-differences.txt that now hold: remove them")
        .isEmpty();
  }

  /** The first value as text, or {@code error <SQLSTATE>} (just {@code error} without one). */
  private static String answer(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    } catch (SQLException | RuntimeException e) {
      String state = e instanceof SQLException q ? q.getSQLState() : null;
      return state == null || state.isEmpty() ? "error" : "error " + state;
    }
  }
}
