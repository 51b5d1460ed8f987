package io.floe.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.ProjectTokens.TokenSpec;
import io.floe.engine.api.admin.SnowflakeConnections;
import io.floe.engine.api.admin.TableProfiles;
import io.floe.engine.api.admin.TableProfiles.Bin;
import io.floe.engine.api.admin.TableProfiles.ColumnProfile;
import io.floe.engine.api.admin.TableProfiles.TableProfile;
import io.floe.engine.api.admin.TableQuery;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.storage.DuckDbSql;
import io.floe.engine.testing.Fakesnow;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Table profiles checked against DuckDB's own answers (SUMMARIZE and direct aggregates) on the
 * table's file: every statistic, the edge cases (a constant column, an all-null column, an empty
 * table), sampling, the kept profile and when it is computed again, and who may profile what.
 */
class TableProfileServiceTest {
  private static final int ROWS = 200;
  private static final String[] COLUMNS = {"id INTEGER", "amount DECIMAL(10,2)", "score DOUBLE",
      "name VARCHAR", "day DATE", "at TIMESTAMP", "flag BOOLEAN", "nothing VARCHAR", "same INTEGER"};

  private static TestEngine floe;
  private static TableProfiles profiles;
  private static Principal owner;
  private static TableDef mixed;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    owner = floe.principal(floe.createProject("p"));
    floe.createBucket("p", "b");
    floe.createBucket("p", "other_b");
    mixed = floe.createTable("p", "b", "mixed", COLUMNS);
    floe.importCsv("p", "b", "mixed", mixedCsv(1, ROWS), false);
    profiles = floe.engine().storageServices().tableProfiles();
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** Rows {@code from..to} of the mixed table, with nulls in every column but {@code id}. */
  private static String mixedCsv(int from, int to) {
    StringBuilder csv = new StringBuilder("id,amount,score,name,day,at,flag,nothing,same\n");
    for (int i = from; i <= to; i++) {
      csv.append(i).append(',')
          .append(i % 7 == 0 ? "" : (i * 37 % 1000) + "." + String.format("%02d", i % 100)).append(',')
          .append(i % 5 == 0 ? "" : Double.toString((i % 13) * 1.25 - 3)).append(',')
          .append(i % 11 == 0 ? "" : "name" + (i % 9) + "x".repeat(i % 4)).append(',')
          .append(i % 6 == 0 ? "" : LocalDate.of(2024, 1, 1).plusDays(i * 3 % 300)).append(',')
          .append(i % 8 == 0 ? "" : LocalDateTime.of(2024, 3, 1, 0, 0).plusSeconds(i * 5000L)
              .toString().replace('T', ' ')).append(',')
          .append(i % 3 == 0 ? "" : Boolean.toString(i % 2 == 0)).append(',')
          .append(',')
          .append(7).append('\n');
    }
    return csv.toString();
  }

  // ---- statistics ------------------------------------------------------------------------------

  @Test void everyStatisticIsDuckDbsOwn() throws SQLException {
    TableProfile profile = profiles.profile(owner, "p", "b", "mixed", true);
    assertThat(profile.rows()).isEqualTo(ROWS);
    assertThat(profile.sampled()).isFalse();
    assertThat(profile.sampleRows()).isNull();
    assertThat(profile.cached()).isFalse();
    assertThat(profile.columns()).extracting(ColumnProfile::name)
        .containsExactly("id", "amount", "score", "name", "day", "at", "flag", "nothing", "same");
    String table = DuckDbSql.table(mixed.duckDbCatalog(), "mixed");
    try (Connection c = floe.engine().storage().connect(); Statement s = c.createStatement()) {
      Map<String, Map<String, Object>> summary = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SUMMARIZE SELECT * FROM " + table)) {
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (String k : List.of("column_type", "min", "max", "count", "null_percentage")) {
            row.put(k, rs.getObject(k));
          }
          summary.put(rs.getString("column_name"), row);
        }
      }
      for (ColumnProfile col : profile.columns()) {
        Map<String, Object> sum = summary.get(col.name());
        String q = DuckDbSql.ident(col.name());
        assertThat(((Number) sum.get("count")).longValue()).isEqualTo(ROWS);
        assertThat(col.nullRatio() * 100).as(col.name() + " null %")
            .isCloseTo(((Number) sum.get("null_percentage")).doubleValue(), within(0.006));
        assertThat(text(col.min())).as(col.name() + " min").isEqualTo(sum.get("min"));
        assertThat(text(col.max())).as(col.name() + " max").isEqualTo(sum.get("max"));
        Object[] direct = one(s, "SELECT count(" + q + "), count(DISTINCT " + q + ") FROM " + table);
        long nonNull = ((Number) direct[0]).longValue();
        assertThat(col.nulls()).as(col.name() + " nulls").isEqualTo(ROWS - nonNull);
        assertThat(col.distinct()).as(col.name() + " distinct").isEqualTo(((Number) direct[1]).longValue());
        assertThat(col.distinctExact()).isTrue();
        assertTopValues(s, table, col);
      }
      for (String name : List.of("id", "amount", "score", "same")) {
        ColumnProfile col = column(profile, name);
        String d = "CAST(" + DuckDbSql.ident(name) + " AS DOUBLE)";
        Object[] direct = one(s, "SELECT avg(" + d + "), stddev_samp(" + d + "), quantile_cont(" + d
            + ", 0.01), quantile_cont(" + d + ", 0.05), quantile_cont(" + d + ", 0.25), quantile_cont("
            + d + ", 0.5), quantile_cont(" + d + ", 0.75), quantile_cont(" + d + ", 0.95), "
            + "quantile_cont(" + d + ", 0.99) FROM " + table);
        assertThat(col.mean()).as(name + " mean").isCloseTo(num(direct[0]), within(1e-9));
        if (direct[1] == null) {
          assertThat(col.stddev()).isNull();
        } else {
          assertThat(col.stddev()).as(name + " stddev").isCloseTo(num(direct[1]), within(1e-9));
        }
        assertThat(col.quantiles()).containsOnlyKeys(TableProfiles.QUANTILES);
        for (int i = 0; i < TableProfiles.QUANTILES.size(); i++) {
          assertThat(col.quantiles().get(TableProfiles.QUANTILES.get(i))).as(name + " quantile " + i)
              .isCloseTo(num(direct[2 + i]), within(1e-9));
        }
        assertThat(col.length()).isNull();
      }
      ColumnProfile name = column(profile, "name");
      Object[] lengths = one(s, "SELECT min(length(name)), avg(length(name)), max(length(name)) FROM "
          + table);
      assertThat(name.length().min()).isEqualTo(((Number) lengths[0]).longValue());
      assertThat(name.length().avg()).isCloseTo(num(lengths[1]), within(1e-9));
      assertThat(name.length().max()).isEqualTo(((Number) lengths[2]).longValue());
      assertThat(name.mean()).isNull();
      assertThat(name.quantiles()).isNull();
      assertThat(name.histogram()).isNull();
      assertThat(column(profile, "flag").min()).isEqualTo(false);
      assertThat(column(profile, "flag").max()).isEqualTo(true);
      assertThat(column(profile, "flag").histogram()).isNull();
    }
  }

  @Test void histogramsCoverTheRangeAndCountEveryValue() {
    TableProfile profile = profiles.profile(owner, "p", "b", "mixed", false);
    for (String name : List.of("id", "amount", "score", "day", "at")) {
      ColumnProfile col = column(profile, name);
      List<Bin> bins = col.histogram();
      assertThat(bins).as(name).hasSize(TableProfiles.HISTOGRAM_BINS);
      assertThat(bins.stream().mapToLong(Bin::count).sum()).as(name + " counts")
          .isEqualTo(profile.rows() - col.nulls());
      assertThat(edge(bins.get(0).lower())).as(name + " first lower").isEqualTo(edge(col.min()));
      assertThat(edge(bins.get(bins.size() - 1).upper())).as(name + " last upper")
          .isEqualTo(edge(col.max()));
    }
    List<Bin> ids = column(profile, "id").histogram();
    assertThat(ids).extracting(Bin::count).containsOnly(10L);
    assertThat(num(ids.get(1).lower())).isCloseTo(1 + 199 / 20.0, within(1e-9));
  }

  @Test void aConstantColumnHasOneBinAndAnAllNullColumnNone() {
    TableProfile profile = profiles.profile(owner, "p", "b", "mixed", false);
    ColumnProfile same = column(profile, "same");
    assertThat(same.histogram()).hasSize(1);
    assertThat(num(same.histogram().get(0).lower())).isEqualTo(7.0);
    assertThat(num(same.histogram().get(0).upper())).isEqualTo(7.0);
    assertThat(same.histogram().get(0).count()).isEqualTo(ROWS);
    assertThat(same.distinct()).isEqualTo(1);
    assertThat(same.stddev()).isZero();
    assertThat(same.topValues()).containsExactly(new TableProfiles.TopValue(7, ROWS));
    ColumnProfile nothing = column(profile, "nothing");
    assertThat(nothing.nulls()).isEqualTo(ROWS);
    assertThat(nothing.nullRatio()).isEqualTo(1.0);
    assertThat(nothing.distinct()).isZero();
    assertThat(nothing.min()).isNull();
    assertThat(nothing.max()).isNull();
    assertThat(nothing.topValues()).isEmpty();
    assertThat(nothing.length()).isEqualTo(new TableProfiles.Lengths(null, null, null));
  }

  @Test void everyTypeIsProfiled() throws SQLException {
    TableDef all = floe.createTable("p", "b", "all_types", "s SMALLINT", "big BIGINT", "r REAL",
        "t TIME", "u UUID", "j JSON", "bl BLOB", "tz TIMESTAMPTZ");
    floe.importCsv("p", "b", "all_types", "s,big,r,t,u,j,bl,tz\n"
        + "1,9000000000,1.5,10:00:00,00000000-0000-0000-0000-000000000001,1,abc,2024-01-01 10:00:00+00\n"
        + "2,-5,2.25,11:30:00,00000000-0000-0000-0000-000000000002,2,abd,2024-01-03 12:00:00+00\n"
        + ",,,,,,,\n", false);
    TableProfile profile = profiles.profile(owner, "p", "b", "all_types", false);
    assertThat(profile.rows()).isEqualTo(3);
    for (ColumnProfile col : profile.columns()) {
      assertThat(col.nulls()).as(col.name()).isEqualTo(1);
      assertThat(col.distinct()).as(col.name()).isEqualTo(2);
    }
    assertThat(num(column(profile, "big").max())).isEqualTo(9e9);
    assertThat(num(column(profile, "r").mean())).isEqualTo(1.875);
    assertThat(column(profile, "t").min()).isEqualTo("10:00:00");
    assertThat(column(profile, "t").histogram()).isNull();
    assertThat(column(profile, "u").topValues()).hasSize(2);
    assertThat(column(profile, "j").length().max()).isEqualTo(1);
    assertThat(column(profile, "bl").min()).isNull();
    assertThat(column(profile, "bl").topValues()).isNull();
    ColumnProfile tz = column(profile, "tz");
    String table = DuckDbSql.table(all.duckDbCatalog(), "all_types");
    try (Connection c = floe.engine().storage().connect(); Statement s = c.createStatement()) {
      Object[] direct = one(s, "SELECT CAST(min(tz) AS VARCHAR), CAST(max(tz) AS VARCHAR) FROM " + table);
      assertThat(tz.min()).isEqualTo(direct[0]);
      assertThat(tz.max()).isEqualTo(direct[1]);
    }
    assertThat(tz.histogram().get(0).lower()).isEqualTo(tz.min());
    assertThat(tz.histogram().get(19).upper()).isEqualTo(tz.max());
    assertThat(tz.histogram().get(10).lower()).isEqualTo("2024-01-02 11:00:00+00");
  }

  @Test void nonFiniteDoublesAreTextAndLeftOutOfTheHistogram() {
    floe.createTable("p", "b", "odd", "x DOUBLE");
    floe.importCsv("p", "b", "odd", "x\n1\n3\nnan\ninf\n-inf\n\n", false);
    ColumnProfile x = column(profiles.profile(owner, "p", "b", "odd", false), "x");
    assertThat(x.nulls()).isEqualTo(1);
    assertThat(x.min()).isEqualTo("-Infinity");
    assertThat(x.max()).isEqualTo("NaN");
    assertThat(x.histogram()).hasSize(20);
    assertThat(num(x.histogram().get(0).lower())).isEqualTo(1.0);
    assertThat(num(x.histogram().get(19).upper())).isEqualTo(3.0);
    assertThat(x.histogram().stream().mapToLong(Bin::count).sum()).isEqualTo(2);
    assertThat(profiles.profile(owner, "p", "b", "odd", false).cached()).isTrue();
  }

  @Test void anEmptyTableHasZeroRowsAndEmptyLists() {
    floe.createTable("p", "b", "empty", COLUMNS);
    TableProfile profile = profiles.profile(owner, "p", "b", "empty", false);
    assertThat(profile.rows()).isZero();
    for (ColumnProfile col : profile.columns()) {
      assertThat(col.nulls()).isZero();
      assertThat(col.nullRatio()).isZero();
      assertThat(col.distinct()).isZero();
      assertThat(col.min()).isNull();
      assertThat(col.topValues()).isEmpty();
    }
    assertThat(column(profile, "id").histogram()).isEmpty();
    assertThat(column(profile, "id").quantiles()).containsEntry("p50", null);
  }

  @Test void aBigTableIsSampledForItsDistributionOnly() {
    TableProfileService sampling = new TableProfileService(floe.engine().catalog(),
        floe.engine().sessions(), Clock.systemUTC(), new TableProfiler.Limits(50, 40, 50));
    TableProfile profile = sampling.profile(owner, "p", "b", "mixed", true);
    assertThat(profile.rows()).isEqualTo(ROWS);
    assertThat(profile.sampled()).isTrue();
    assertThat(profile.sampleRows()).isEqualTo(40);
    assertThat(profile.sampleMethod()).isEqualTo("reservoir");
    ColumnProfile id = column(profile, "id");
    assertThat(id.nulls()).isZero();
    assertThat(id.distinctExact()).isFalse();
    assertThat(id.distinct()).isBetween(180L, 220L);
    assertThat(id.min()).isEqualTo(1);
    assertThat(id.max()).isEqualTo(ROWS);
    assertThat(id.histogram().stream().mapToLong(Bin::count).sum()).isEqualTo(40);
    assertThat(id.topValues()).hasSize(10).allMatch(t -> t.count() == 1);
    ColumnProfile amount = column(profile, "amount");
    assertThat(amount.histogram().stream().mapToLong(Bin::count).sum()).isLessThanOrEqualTo(40);
  }

  // ---- kept profiles -----------------------------------------------------------------------------

  @Test void aProfileIsKeptUntilTheTableChanges() {
    floe.createTable("p", "b", "kept", "id INTEGER", "label VARCHAR");
    floe.importCsv("p", "b", "kept", "id,label\n1,a\n2,b\n2,b\n", false);
    TableProfile first = profiles.profile(owner, "p", "b", "kept", false);
    assertThat(first.cached()).isFalse();
    TableProfile second = profiles.profile(owner, "p", "b", "kept", false);
    assertThat(second.cached()).isTrue();
    assertThat(second.computedAt()).isEqualTo(first.computedAt());
    assertThat(second.withCached(false)).isEqualTo(first);

    TableProfile forced = profiles.profile(owner, "p", "b", "kept", true);
    assertThat(forced.cached()).isFalse();
    assertThat(forced.computedAt()).isAfterOrEqualTo(first.computedAt());
    assertThat(profiles.profile(owner, "p", "b", "kept", false).cached()).isTrue();

    floe.importCsv("p", "b", "kept", "id,label\n3,c\n", true);
    TableProfile after = profiles.profile(owner, "p", "b", "kept", false);
    assertThat(after.cached()).isFalse();
    assertThat(after.rows()).isEqualTo(4);
    assertThat(column(after, "label").topValues())
        .containsExactly(new TableProfiles.TopValue("b", 2), new TableProfiles.TopValue("a", 1),
            new TableProfiles.TopValue("c", 1));
    assertThat(profiles.profile(owner, "p", "b", "kept", false).cached()).isTrue();

    floe.engine().storageServices().tableSchemas().addColumn(owner, "p", "b", "kept",
        new io.floe.engine.api.catalog.ColumnDef("extra", io.floe.engine.api.catalog.ColumnType.parse(
            "INTEGER"), true));
    TableProfile widened = profiles.profile(owner, "p", "b", "kept", false);
    assertThat(widened.cached()).isFalse();
    assertThat(widened.columns()).extracting(ColumnProfile::name).containsExactly("id", "label", "extra");
  }

  @Test void deletingTheTableOrItsBucketDeletesTheProfile() {
    TableDef gone = floe.createTable("p", "other_b", "gone", "id INTEGER");
    TableDef alsoGone = floe.createTable("p", "other_b", "also_gone", "id INTEGER");
    profiles.profile(owner, "p", "other_b", "gone", false);
    profiles.profile(owner, "p", "other_b", "also_gone", false);
    TableProfileService service = (TableProfileService) profiles;
    assertThat(service.isKept(gone.id())).isTrue();
    floe.engine().tables().delete(owner, "p", "other_b", "gone");
    assertThat(service.isKept(gone.id())).isFalse();
    assertThat(service.isKept(alsoGone.id())).isTrue();
    floe.engine().buckets().delete(owner, "p", "other_b", true);
    assertThat(service.isKept(alsoGone.id())).isFalse();
    floe.createBucket("p", "other_b");
  }

  // ---- who may profile what ----------------------------------------------------------------------

  @Test void onlyWhoMayReadTheTableMayProfileIt() {
    Principal stranger = floe.principal(floe.createProject("stranger"));
    Principal limited = floe.principal(floe.engine().storageServices().tokens().create(owner, "p",
        new TokenSpec("other bucket only", Map.of("other_b", "read"), false, null)).secret());
    for (Principal p : List.of(stranger, limited)) {
      FloeException read = catchFloe(() -> floe.engine().storageServices().reads().preview(p, "p", "b",
          "mixed", TableQuery.ALL));
      FloeException profile = catchFloe(() -> profiles.profile(p, "p", "b", "mixed", false));
      assertThat(profile.code()).as(p.name()).isEqualTo(read.code());
      assertThat(profile.code()).isIn(ErrorCode.NOT_FOUND, ErrorCode.ACCESS_DENIED);
    }
    assertThat(catchFloe(() -> profiles.profile(owner, "p", "b", "missing", false)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(catchFloe(() -> profiles.profile(owner, "p", "nope", "mixed", false)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test void aLinkingProjectProfilesTheLinkedTable() {
    Principal linker = floe.principal(floe.createProject("linker"));
    floe.engine().storageServices().sharing().share(floe.admin(), "p", "b", List.of("linker"), false);
    floe.engine().storageServices().sharing().link(linker, "linker", "from_p", "p", "b");
    TableProfile linked = profiles.profile(linker, "linker", "from_p", "mixed", true);
    assertThat(linked.rows()).isEqualTo(ROWS);
    assertThat(linked.columns()).hasSize(COLUMNS.length);
    assertThat(profiles.profile(owner, "p", "b", "mixed", false).cached()).isTrue();
  }

  @Test void theStatementTimeoutStopsAProfile() throws Exception {
    EngineConfig config = EngineConfig.defaults(Files.createTempDirectory("floe-profile-timeout"))
        .withDuckDb("1GB", 2).withStatementTimeouts(Duration.ofMillis(1), Duration.ofHours(1));
    try (TestEngine slow = TestEngine.start(config)) {
      Principal p = slow.principal(slow.createProject("p"));
      slow.createBucket("p", "b");
      slow.createTable("p", "b", "mixed", COLUMNS);
      slow.importCsv("p", "b", "mixed", mixedCsv(1, 2000), false);
      assertThat(catchFloe(() -> slow.engine().storageServices().tableProfiles().profile(p, "p", "b",
          "mixed", true)).code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
    } finally {
      TestEngine.deleteRecursively(config.dataDir());
    }
  }

  @Test void snowflakeTablesAreNotProfiledYet() throws Exception {
    try (Fakesnow snowflake = Fakesnow.start()) {
      try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
        s.execute("create database sales");
        s.execute("create schema sales.crm");
        s.execute("create table sales.crm.orders (id number(38,0), status varchar)");
        s.execute("insert into sales.crm.orders values (1, 'open')");
      }
      floe.createProject("sf_project");
      floe.engine().snowflakeConnections().create(floe.admin(), "sf_project",
          new SnowflakeConnections.Spec("sf", Fakesnow.ACCOUNT, "127.0.0.1", snowflake.port(), "http",
              Fakesnow.USER, Fakesnow.PASSWORD, null, null, null, null, null, "SALES"));
      floe.engine().buckets().register(floe.admin(), "sf_project", "crm", "sf",
          List.of("sales", "crm"), null);
      FloeException e = catchFloe(() -> profiles.profile(floe.admin(), "sf_project", "crm", "ORDERS",
          false));
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      assertThat(e.sqlState()).isEqualTo("0A000");
      assertThat(e.getMessage()).contains("Snowflake");
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static void assertTopValues(Statement s, String table, ColumnProfile col) throws SQLException {
    String q = DuckDbSql.ident(col.name());
    List<String> expected = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT CAST(" + q + " AS VARCHAR), count(*) FROM " + table
        + " WHERE " + q + " IS NOT NULL GROUP BY " + q + " ORDER BY 2 DESC, " + q + " LIMIT 10")) {
      while (rs.next()) {
        expected.add(rs.getString(1) + "=" + rs.getLong(2));
      }
    }
    assertThat(col.topValues()).as(col.name() + " top values")
        .extracting(t -> text(t.value()) + "=" + t.count()).containsExactlyElementsOf(expected);
  }

  private static Object[] one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      Object[] row = new Object[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] = rs.getObject(i + 1);
      }
      return row;
    }
  }

  private static ColumnProfile column(TableProfile profile, String name) {
    return profile.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A numeric min, max or bin edge as a double; a date or timestamp as its text. */
  private static Object edge(Object value) {
    return value instanceof Number n ? (Object) n.doubleValue() : text(value);
  }

  private static double num(Object value) {
    return ((Number) value).doubleValue();
  }

  private static FloeException catchFloe(Runnable r) {
    try {
      r.run();
    } catch (FloeException e) {
      return e;
    }
    throw new AssertionError("expected a FloeException");
  }
}
