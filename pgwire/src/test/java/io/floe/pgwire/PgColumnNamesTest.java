package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.sql.SqlLexer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog queries' columns are named as PostgreSQL names them (expected names from psql). */
class PgColumnNamesTest {
  static List<String> names(String sql, int columns) {
    List<PgColumn> mirror = new ArrayList<>(Collections.nCopies(columns, PgColumn.text("duck")));
    return PgColumnNames.of(SqlLexer.significant(sql), mirror).stream().map(PgColumn::name).toList();
  }

  @Test void expressionsAreNamedAsPostgresqlNamesThem() {
    assertThat(names("select user, current_user, current_catalog, 'x'::name, 1::integer, x::text, "
        + "'{1}'::int[], cast(1 as bigint), (1), (version()), pg_catalog.version(), "
        + "case when true then 1 end, array[1], 'a', 1 + 1, 1.5::double precision, "
        + "'x'::character varying, coalesce(1, 2), exists(select 1), n.nspname, 1::int + 2, "
        + "'t'::timestamp with time zone from s;", 22)).containsExactly("user", "current_user",
        "current_catalog", "name", "int4", "x", "int4", "int8", "?column?", "version", "version", "case",
        "array", "?column?", "?column?", "float8", "varchar", "coalesce", "exists", "nspname",
        "?column?", "timestamptz");
  }

  @Test void aliasesAndWhatIsNotUnderstoodKeepTheMirrorsNames() {
    assertThat(names("select version() as v, current_user u, 1 x, count(*) over () from t", 4))
        .containsExactly("duck", "duck", "duck", "?column?");
    assertThat(names("select * from pg_class", 3)).containsExactly("duck", "duck", "duck");
    assertThat(names("select c.*, 1 from pg_class c", 3)).containsExactly("duck", "duck", "duck");
    assertThat(names("with x as (select 1) select version() from x", 1)).containsExactly("duck");
    assertThat(names("select a, b from t", 3)).containsExactly("duck", "duck", "duck");
  }

  @Test void clientsSeeThemOverTheWire() throws Exception {
    try (PgTestServer pg = new PgTestServer(); Connection c = pg.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select version(), current_user, 'x'::name, 7 / 2, "
             + "current_database() as db, current_setting('search_path');")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      assertThat(labels).containsExactly("version", "current_user", "name", "?column?", "db",
          "current_setting");
    }
  }
}
