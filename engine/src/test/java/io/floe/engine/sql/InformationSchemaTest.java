package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.session.EngineSession;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** information_schema lists exactly what the principal may read. */
class InformationSchemaTest {
  @Test void listsOnlyVisibleObjects() {
    try (TestEngine floe = TestEngine.start()) {
      String a = floe.createProject("a");
      floe.createProject("b");
      floe.createBucket("a", "in_c_x");
      floe.createBucket("b", "in_c_y");
      floe.createTable("a", "in_c_x", "t", "id INTEGER PK", "name VARCHAR");
      floe.createTable("b", "in_c_y", "secret", "id INTEGER");
      try (EngineSession s = floe.engine().openSession(floe.principal(a), "test", SqlFlavor.POSTGRES)) {
        assertThat(Rows.query(s, "select table_catalog, table_schema, table_name from information_schema.tables"))
            .containsExactly(List.of("a", "in_c_x", "t"));
        assertThat(Rows.query(s, "select column_name, data_type, is_nullable from information_schema.columns "
            + "order by ordinal_position"))
            .containsExactly(List.of("id", "INTEGER", "NO"), List.of("name", "VARCHAR", "YES"));
        assertThat(Rows.query(s, "select column_name, ordinal_position from information_schema.key_column_usage "
            + "where table_name = ?", "t")).containsExactly(List.of("id", 1));
      }
    }
  }
}
