package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.junit.jupiter.api.Test;

/** Internal errors reach a PostgreSQL client as on every front-end: XX000 and a log reference. */
class PgErrorTest {
  @Test void internalErrorsSayOnlyThatAndAReference() {
    PgError engine = PgError.of(new FloeException(ErrorCode.INTERNAL_ERROR,
        "could not open /srv/floe/data/p1/t_7.duckdb"));
    PgError bug = PgError.internal(new IllegalStateException("at io.floe.Secret.method"));
    for (PgError e : new PgError[] {engine, bug}) {
      assertThat(e.sqlState()).isEqualTo("XX000");
      assertThat(e.message()).matches("internal error \\(reference [0-9a-f]{16}\\)");
    }
  }

  @Test void userErrorsKeepTheirMessageAndHint() {
    PgError e = PgError.of(new FloeException(ErrorCode.NOT_FOUND, "relation \"t\" does not exist",
        "Qualify it with its bucket.", null));
    assertThat(e.sqlState()).isEqualTo("42P01");
    assertThat(e.message()).isEqualTo("relation \"t\" does not exist");
    assertThat(e.hint()).isEqualTo("Qualify it with its bucket.");
  }
}
