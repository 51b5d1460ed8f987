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
 * docs/sql.md's examples of where Floe differs from DuckDB on purpose run as written: each row of
 * its table gives a statement, Floe's answer and DuckDB's (its defaults, without the harness's
 * settings); and every section that {@link IntendedDifferences} cites exists.
 */
class SqlDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|");

  record Example(String sql, String floe, String duckDb) {}

  static String doc() throws IOException {
    return Files.readString(Path.of(System.getProperty("floe.docs.dir", "../docs")).resolve("sql.md"));
  }

  static List<Example> examples(String doc) {
    List<Example> examples = new ArrayList<>();
    for (String line : doc.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        examples.add(new Example(m.group(1), m.group(2).strip(), m.group(3).strip()));
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
    IntendedDifferences.REFERENCE_SETTINGS.forEach(s -> assertThat(anchors).contains(s.section()));
  }

  @Test void examplesAnswerAsDocumented() throws Exception {
    List<Example> examples = examples(doc());
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    try (TestServer floe = TestServer.start();
         Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Properties props = new Properties();
      props.setProperty("token", TestServer.ADMIN_TOKEN);
      try (Connection c = DriverJar.connect(floe.jdbcUrl(), props)) {
        for (Example e : examples) {
          assertThat(answer(c, e.sql())).as("Floe: %s", e.sql()).isEqualTo(e.floe());
          assertThat(answer(duck, e.sql())).as("DuckDB: %s", e.sql()).isEqualTo(e.duckDb());
        }
      }
    }
  }

  /** The first value as text, or {@code error <SQLSTATE>} (just {@code error} without one). */
  private static String answer(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    } catch (SQLException e) {
      return e.getSQLState() == null || e.getSQLState().isEmpty() ? "error" : "error " + e.getSQLState();
    }
  }
}
