package io.floe.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.Statements;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL API's answers for what the end-to-end test cannot reach through a project token (project
 * data is read-only in SQL): DML counts and their {@code stats}; and the bindings' two notations.
 */
class SqlApiAnswersTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private static SqlApiStatement handle() {
    return new SqlApiStatement("01a2b3c4-0000-0000-0000-000000000001", Principal.admin(null), "r1", true,
        NOW, false);
  }

  private static Statements.Status dml(String command, long rows) {
    return new Statements.Status("job_1", "shop", Statements.State.SUCCEEDED, "sql", command, List.of(),
        rows, 0, 100, null, null, NOW, NOW, NOW, NOW, false);
  }

  @Test void dmlAnswersItsCountAndStats() {
    JsonNode b = SqlApiAnswers.result(handle(), dml("INSERT 0 3", 3), null, null).body();
    assertThat(b.get("code").asText()).isEqualTo("090001");
    assertThat(b.get("data").toString()).isEqualTo("[[\"3\"]]");
    assertThat(b.get("resultSetMetaData").get("rowType").get(0).get("name").asText())
        .isEqualTo("number of rows inserted");
    assertThat(b.get("stats").get("numRowsInserted").asLong()).isEqualTo(3);
    assertThat(b.get("stats").get("numRowsUpdated").asLong()).isZero();
    assertThat(b.get("statementStatusUrl").asText())
        .isEqualTo("/api/v2/statements/01a2b3c4-0000-0000-0000-000000000001?requestId=r1");
    assertThat(b.get("createdOn").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(SqlApiAnswers.result(handle(), dml("UPDATE 2", 2), null, null).body().get("stats")
        .get("numRowsUpdated").asLong()).isEqualTo(2);
    assertThat(SqlApiAnswers.result(handle(), dml("DELETE 5", 5), null, null).body().get("stats")
        .get("numRowsDeleted").asLong()).isEqualTo(5);
    JsonNode ddl = SqlApiAnswers.result(handle(), dml("CREATE TABLE", 0), null, null).body();
    assertThat(ddl.has("stats")).isFalse();
    assertThat(ddl.get("data").toString()).isEqualTo("[[\"Statement executed successfully.\"]]");
  }

  @Test void linksNameTheNeighbouringPartitions() {
    String base = "/api/v2/statements/01a2b3c4-0000-0000-0000-000000000001?requestId=r1&partition=";
    assertThat(SqlApiAnswers.link(handle(), 1, 3)).isEqualTo("<" + base + "0>; rel=\"first\",<" + base
        + "0>; rel=\"prev\",<" + base + "2>; rel=\"next\",<" + base + "2>; rel=\"last\"");
  }

  @Test void bindingsReadTheConnectorsNumbersAndIsoText() {
    List<Object> v = SqlApiBindings.of(SqlApiAnswers.JSON.valueToTree(java.util.Map.of(
        "1", java.util.Map.of("type", "DATE", "value", "1577923200000"),
        "2", java.util.Map.of("type", "DATE", "value", "2020-01-02"),
        "3", java.util.Map.of("type", "TIME", "value", "3723500000000"),
        "4", java.util.Map.of("type", "TIMESTAMP_TZ", "value", "1577836800000000000 1500"),
        "5", java.util.Map.of("type", "TIMESTAMP_TZ", "value", "2020-01-01T01:00:00+01:00"),
        "6", java.util.Map.of("type", "FIXED", "value", "12"),
        "7", java.util.Map.of("type", "BOOLEAN", "value", "0"))));
    assertThat(v.get(0)).isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(v.get(1)).isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(v.get(2)).isEqualTo(LocalTime.of(1, 2, 3, 500_000_000));
    assertThat(v.get(3)).isEqualTo(OffsetDateTime.parse("2020-01-01T01:00:00+01:00"));
    assertThat(v.get(4)).isEqualTo(OffsetDateTime.parse("2020-01-01T01:00:00+01:00"));
    assertThat(v.get(5)).isEqualTo(12L);
    assertThat(v.get(6)).isEqualTo(false);
    assertThatThrownBy(() -> SqlApiBindings.of(SqlApiAnswers.JSON.valueToTree(java.util.Map.of(
        "2", java.util.Map.of("type", "TEXT", "value", "x")))))
        .isInstanceOf(FloeException.class).hasMessageContaining("position 1");
  }

  @Test void refusesWhatTheSqlApiDoesNotRun() {
    for (String sql : List.of("USE DATABASE x", "alter session set a = 1", "begin", "COMMIT",
        "rollback", "put file:///x @~", "get @~/x file:///y", "set v = 1", "create temporary table t (a int)")) {
      assertThatThrownBy(() -> SqlApiSubmissions.refuseUnsupported(sql)).as(sql)
          .isInstanceOf(FloeException.class).hasMessageContaining("Unsupported statement type");
    }
    SqlApiSubmissions.refuseUnsupported("select 1");
    SqlApiSubmissions.refuseUnsupported("create table t (a int)");
  }
}
