package io.floe.engine.api.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Infinite dates and timestamps, as rows carry them from DuckDB. */
class InfinityTest {
  @Test void infinitiesAreDuckDbsLatestAndEarliestValues() {
    try (TestEngine floe = TestEngine.start()) {
      String token = floe.createProject("p");
      try (EngineSession s = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
        List<Object> row = Rows.query(s, "select timestamp 'infinity' as a, timestamp '-infinity' as b, "
            + "date 'infinity' as c, date '-infinity' as d, cast('-infinity' as timestamptz) as e, "
            + "timestamp '294247-01-10 04:00:54.775806' as f, date '2024-01-31' as g").get(0);
        assertThat(row.stream().map(Infinity::of).toList()).containsExactly(Infinity.POSITIVE,
            Infinity.NEGATIVE, Infinity.POSITIVE, Infinity.NEGATIVE, Infinity.NEGATIVE, null, null);
      }
    }
    assertThat(Infinity.TIMESTAMP).isEqualTo(LocalDateTime.parse("+294247-01-10T04:00:54.775807"));
    assertThat(Infinity.MINUS_TIMESTAMP).isEqualTo(LocalDateTime.parse("-290308-12-21T19:59:05.224193"));
    assertThat(Infinity.DATE).isEqualTo(LocalDate.parse("+5881580-07-11"));
    assertThat(Infinity.MINUS_DATE).isEqualTo(LocalDate.parse("-5877641-06-24"));
    assertThat(Infinity.of("infinity")).isNull();
  }
}
