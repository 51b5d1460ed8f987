package io.floe.engine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snowflake's USE and ALTER SESSION, as drivers and users write them. */
class SnowflakeSessionCommandTest {
  static SnowflakeSessionCommand parse(String sql) {
    return SnowflakeSessionCommand.parse(sql).orElseThrow();
  }

  @Test void useFoldsUnquotedNamesAndKeepsQuotedOnes() {
    assertThat(parse("use database shop")).isEqualTo(new SnowflakeSessionCommand.UseDatabase("SHOP"));
    assertThat(parse("USE DATABASE \"Shop\";")).isEqualTo(new SnowflakeSessionCommand.UseDatabase("Shop"));
    assertThat(parse("use schema in_c_sales")).isEqualTo(new SnowflakeSessionCommand.UseSchema(null, "IN_C_SALES"));
    assertThat(parse("use schema shop.in_c_sales"))
        .isEqualTo(new SnowflakeSessionCommand.UseSchema("SHOP", "IN_C_SALES"));
    assertThat(parse("use shop.\"in_c_sales\"")).isEqualTo(new SnowflakeSessionCommand.UseSchema("SHOP", "in_c_sales"));
    assertThat(parse("use warehouse wh")).isEqualTo(new SnowflakeSessionCommand.UseOther("WAREHOUSE", "WH"));
    assertThat(parse("use secondary role all")).isEqualTo(new SnowflakeSessionCommand.UseOther("ROLE", "ALL"));
    // JDBC's setSchema sends a comment and a quoted name.
    assertThat(parse("use /* JDBC:SnowflakeConnectionImpl.setSchema */ schema \"IN_C_SALES\""))
        .isEqualTo(new SnowflakeSessionCommand.UseSchema(null, "IN_C_SALES"));
  }

  @Test void alterSessionSetsAndUnsets() {
    assertThat(parse("alter session set query_tag = 'nightly', timezone = 'UTC', autocommit = true"))
        .isEqualTo(new SnowflakeSessionCommand.AlterSession(
            Map.of("QUERY_TAG", "nightly", "TIMEZONE", "UTC", "AUTOCOMMIT", "true"), List.of()));
    assertThat(parse("ALTER SESSION UNSET query_tag, timezone"))
        .isEqualTo(new SnowflakeSessionCommand.AlterSession(Map.of(), List.of("QUERY_TAG", "TIMEZONE")));
    assertThat(parse("alter session set quoted = 'it''s'"))
        .isEqualTo(new SnowflakeSessionCommand.AlterSession(Map.of("QUOTED", "it's"), List.of()));
  }

  @Test void otherStatementsAreNotSessionCommands() {
    assertThat(SnowflakeSessionCommand.parse("select 1")).isEmpty();
    assertThat(SnowflakeSessionCommand.parse("alter table t add column c int")).isEmpty();
    assertThat(SnowflakeSessionCommand.parse("user_defined()")).isEmpty();
  }

  @Test void malformedCommandsAreSyntaxErrors() {
    for (String bad : List.of("use", "use database", "use database a.b", "use schema a.b.c", "use shop.",
        "use 'shop'", "alter session", "alter session set", "alter session set a", "alter session set a =",
        "alter session set a = 1 b = 2", "alter session reset a")) {
      if (bad.equals("use") || bad.equals("alter session")) {
        assertThat(SnowflakeSessionCommand.parse(bad)).as(bad).isEmpty();
        continue;
      }
      assertThatThrownBy(() -> SnowflakeSessionCommand.parse(bad)).as(bad)
          .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR));
    }
  }
}
