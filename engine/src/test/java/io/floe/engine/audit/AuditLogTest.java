package io.floe.engine.audit;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One JSON line per statement, with who, what, how many, how long, how it ended; no secrets. */
class AuditLogTest {
  static List<JsonNode> lines(TestEngine floe) throws Exception {
    floe.engine().audit().flush();
    List<JsonNode> result = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(floe.engine().audit().file())) {
      result.add(json.readTree(line));
    }
    return result;
  }

  @Test void everyStatementIsAuditedWithOutcome() throws Exception {
    try (TestEngine floe = TestEngine.start()) {
      String token = floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER");
      floe.importCsv("p", "in_c_b", "t", csv("id", "1", "2", "3"), false);
      try (EngineSession s = floe.engine().openSession(floe.principal(token), "jdbc", SqlFlavor.POSTGRES)) {
        Rows.query(s, "select id from in_c_b.t where id > 1");
        assertThatThrownBy(() -> Rows.query(s, "select * from in_c_b.missing"));
        Rows.query(s, "select '" + token + "' as leaked");
      }
      List<JsonNode> lines = lines(floe);
      JsonNode ok = lines.stream().filter(l -> l.get("sql").asText().contains("id > 1")).findFirst().orElseThrow();
      assertThat(ok.get("principal").asText()).startsWith("token:tok_");
      assertThat(ok.get("front_end").asText()).isEqualTo("jdbc");
      assertThat(ok.get("tables").get(0).asText()).isEqualTo("p.in_c_b.t");
      assertThat(ok.get("rows").asLong()).isEqualTo(2);
      assertThat(ok.get("outcome").asText()).isEqualTo("ok");
      assertThat(ok.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
      assertThat(Instant.parse(ok.get("time").asText())).isBefore(Instant.now());
      JsonNode failed = lines.stream().filter(l -> l.get("sql").asText().contains("missing")).findFirst().orElseThrow();
      assertThat(failed.get("outcome").asText()).isEqualTo("error");
      assertThat(failed.get("error_code").asText()).isEqualTo("not_found");
      assertThat(failed.get("sqlstate").asText()).isEqualTo("42P01");
      String all = Files.readString(floe.engine().audit().file());
      assertThat(all).doesNotContain(token).contains("<redacted>");
    }
  }

  @Test void rotatesBySize() throws Exception {
    Path dir = Files.createTempDirectory("audit");
    try (AuditLog log = new AuditLog(dir, 2048, 3)) {
      for (int i = 0; i < 200; i++) {
        log.record(new AuditEvent(Instant.now(), "admin", "test", "s1", "select " + i, List.of(), 0, 0,
            "ok", null, null));
        if (i % 20 == 0) {
          log.flush();
        }
      }
      log.flush();
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("audit.jsonl");
        assertThat(names.stream().filter(n -> n.startsWith("audit-")).count()).isBetween(1L, 3L);
      }
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }
}
