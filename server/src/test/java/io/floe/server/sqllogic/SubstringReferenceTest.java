package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference DuckDB computes a substring with a start before 1 as PostgreSQL does. */
class SubstringReferenceTest {
  @Test void aStartBeforeOneShortensTheCount() {
    assertThat(SubstringReference.standard("SELECT substring(s from -2 for 2) FROM strings"))
        .isEqualTo("SELECT substring(s, 1, 0) FROM strings");
    assertThat(SubstringReference.standard("SELECT substr('Hello World', -1, 4), substring(s, -5)"))
        .isEqualTo("SELECT substr('Hello World', 1, 2), substring(s, 1)");
  }

  @Test void otherStartsStay() {
    String sql = "SELECT substring(s from 2 for 2), substring(s, off, 2), substring(s, 1 - 3, 2) FROM strings";
    assertThat(SubstringReference.standard(sql)).isEqualTo(sql);
  }
}
