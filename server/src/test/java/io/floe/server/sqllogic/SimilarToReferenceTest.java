package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reference DuckDB reads a constant SIMILAR TO pattern as the standard means it. */
class SimilarToReferenceTest {
  @Test void wildcardsAndDotsAsTheStandardReadsThem() {
    assertThat(SimilarToReference.standard("SELECT 'aaa' SIMILAR TO 'a.%' AND s NOT SIMILAR TO '_[.]b'"))
        .isEqualTo("SELECT 'aaa' SIMILAR TO '(?s)a\\..*' AND s NOT SIMILAR TO '(?s).[.]b'");
    assertThat(SimilarToReference.standard("SELECT 'a%' SIMILAR TO 'a#%' ESCAPE '#'"))
        .isEqualTo("SELECT 'a%' SIMILAR TO '(?s)a\\Q%\\E'");
  }

  @Test void aPatternInAColumnIsTranslatedPerRow() {
    assertThat(SimilarToReference.standard("SELECT s FROM strings WHERE s NOT SIMILAR TO p"))
        .isEqualTo("SELECT s FROM strings WHERE s NOT SIMILAR TO ('(?s)' || replace(replace("
            + "replace(p, '.', '\\.'), '%', '.*'), '_', '.'))");
  }
}
