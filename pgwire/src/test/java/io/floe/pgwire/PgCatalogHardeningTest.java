package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog mirror cannot be made to run more than one read-only SELECT, and shows nothing of
 * the server's file system: statements smuggled behind a comment that DuckDB ends earlier than a
 * careless lexer would, writes, ATTACH, file reads and path-like settings.
 */
class PgCatalogHardeningTest {
  static PgTestServer pg;

  @BeforeAll static void start() {
    pg = new PgTestServer();
  }

  @AfterAll static void stop() {
    pg.close();
  }

  /** The messages up to ReadyForQuery of one simple Query sent on the raw protocol. */
  static List<RawPg.Message> simpleQuery(String sql) throws Exception {
    try (RawPg raw = new RawPg(pg.server.port())) {
      raw.startup("user", pg.workspace.username(), "database", pg.workspace.workspace().databaseName());
      raw.scram(pg.workspace.password());
      raw.query(sql);
      List<RawPg.Message> answer = new ArrayList<>();
      RawPg.Message m;
      do {
        m = raw.read();
        answer.add(m);
      } while (m.type() != 'Z');
      return answer;
    }
  }

  static List<String> errors(List<RawPg.Message> answer) {
    return answer.stream().filter(m -> m.type() == 'E')
        .map(m -> m.fields().get('C') + " " + m.fields().get('M')).toList();
  }

  @Test void aCarriageReturnEndsTheCommentSoTheStatementsAfterItAreSeenAndRefused() throws Exception {
    List<RawPg.Message> answer = simpleQuery("select count(*) from pg_class --\r; COMMIT; "
        + "INSERT INTO pg_class (oid, relname) VALUES (1, 'smuggled')");
    assertThat(answer.stream().filter(m -> m.type() == 'D')).hasSize(1);
    assertThat(errors(answer)).singleElement().asString().startsWith("42501");
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_class where relname = 'smuggled'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test void attachingAnotherProjectsTableFileRevealsNothing() throws Exception {
    Path file;
    try (Stream<Path> files = Files.walk(pg.floe.dataDir())) {
      file = files.filter(p -> p.toString().endsWith(".duckdb")).findFirst().orElseThrow();
    }
    List<RawPg.Message> answer = simpleQuery("select 1 from pg_class limit 1 --\r; ATTACH '"
        + file + "' AS stolen (READ_ONLY)");
    assertThat(errors(answer)).singleElement().asString()
        .doesNotContain("attached", file.getFileName().toString());
  }

  @Test void theMirrorRunsOnlyWhatDuckDbReadsAsOneSelect() {
    try (PgCatalogMirrors.Lease lease = pg.server.mirrors().acquire("hardening", "db")) {
      PgCatalogMirror mirror = lease.mirror();
      for (String sql : List.of("select 1; select 2", "select 1 from pg_class --\r; select 2")) {
        assertThatThrownBy(() -> mirror.describe(sql)).isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.sqlState()).isEqualTo("42601"));
      }
      for (String sql : List.of("COMMIT", "ATTACH '/tmp/x.duckdb' AS x", "COPY pg_class TO '/tmp/x.csv'",
          "SET lock_configuration = false", "DETACH db", "INSERT INTO pg_am VALUES (1, 'x', 'y', 't')")) {
        assertThatThrownBy(() -> mirror.execute(sql, List.of(), s -> { }))
            .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).as(sql)
                .isEqualTo("42501"));
      }
      assertThatThrownBy(() -> mirror.describe("selec 1")).isInstanceOfSatisfying(
          FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"));
      assertThat(mirror.describe("select relname from pg_class where oid = $1").parameters())
          .isEqualTo(1);
    }
  }

  @Test void mirrorSettingsShowNoPathOfTheServer() throws Exception {
    String cwd = Path.of("").toAbsolutePath().toString();
    String home = System.getProperty("user.home");
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      List<String> values = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select name, value from duckdb_settings(), pg_am "
          + "where amname = 'heap'")) {
        while (rs.next()) {
          values.add(rs.getString(1) + "=" + rs.getString(2));
        }
      }
      assertThat(values).isNotEmpty();
      for (String name : List.of("home_directory", "temp_directory", "extension_directory",
          "secret_directory")) {
        try (ResultSet rs = s.executeQuery("select current_setting('" + name + "') from pg_am")) {
          rs.next();
          values.add(name + "=" + rs.getString(1));
        }
      }
      assertThat(values).noneMatch(v -> v.contains(cwd) || v.contains(home) || v.contains(".tmp"));
      assertThatThrownBy(() -> s.executeQuery("select * from read_text('/etc/hostname'), pg_am"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
              .isEqualTo("42501"));
    }
  }
}
