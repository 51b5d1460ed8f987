package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's MATERIALIZED hints on common table expressions. */
class MaterializedHintsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "with c as materialized (select 1) select * from c|with c as (select 1) select * from c",
      "WITH c AS NOT MATERIALIZED (select 1) select * from c|WITH c AS (select 1) select * from c",
      "with recursive c(x) as materialized (select 1) select * from c|with recursive c(x) as (select 1) select * from c",
      "select 1 as materialized|select 1 as materialized",
      "select 'as materialized (' as x|select 'as materialized (' as x",
  })
  void dropsTheHint(String sql, String rewritten) {
    assertThat(MaterializedHints.strip(sql)).isEqualTo(rewritten);
  }
}
