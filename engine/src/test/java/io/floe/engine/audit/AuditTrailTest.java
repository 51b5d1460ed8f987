package io.floe.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.api.HttpCredentials;
import io.floe.engine.api.Origin;
import io.floe.engine.api.admin.AuditTrail;
import io.floe.engine.api.admin.ProjectTokens;
import io.floe.engine.api.admin.AuditTrail.Entry;
import io.floe.engine.api.admin.AuditTrail.Filter;
import io.floe.engine.api.admin.AuditTrail.Page;
import io.floe.engine.service.AuditTrailService;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reading the audit log back: newest first, across rotated files, filtered, paged, per reader. */
class AuditTrailTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Principal ADMIN = Principal.admin(null);

  private static Principal token(String project, boolean master) {
    return Principal.projectToken(new TokenRecord("tok_" + project + (master ? "_m" : "_r"),
        TokenRecord.Kind.PROJECT, project, "", master, !master, Map.of(), T0, null, null));
  }

  /** Statement {@code i}: project a for even i, b for odd i; every tenth one failed. */
  private static AuditEvent event(int i) {
    String project = i % 2 == 0 ? "a" : "b";
    return new AuditEvent(T0.plusSeconds(i), "token:tok_" + project + "_m", i % 3 == 0 ? "jdbc" : "rest",
        "s" + i, "SELECT " + i + " FROM in_c.orders_" + (i % 4), List.of(project + ".in_c.orders_" + (i % 4)),
        i, 1, i % 10 == 0 ? "error" : "ok", i % 10 == 0 ? "not_found" : null,
        i % 10 == 0 ? "42P01" : null, List.of(), 0, project);
  }

  private static List<Integer> numbers(Page page) {
    return page.entries().stream().map(e -> Integer.parseInt(e.session().substring(1))).toList();
  }

  private static Filter filter(int limit, String before) {
    return new Filter(null, null, null, null, null, null, null, limit, before);
  }

  @Test void readsNewestFirstAcrossRotatedFilesAndPages() throws Exception {
    Path dir = Files.createTempDirectory("audit");
    try (AuditLog log = new AuditLog(dir, 2048, 50)) {
      for (int i = 0; i < 120; i++) {
        log.record(event(i));
        if (i % 5 == 0) {
          log.flush();
        }
      }
      AuditTrail trail = new AuditTrailService(new AuditReader(log));
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("audit-")).count())
            .isGreaterThan(3);
      }
      List<Integer> all = new ArrayList<>();
      String before = null;
      int pages = 0;
      do {
        Page page = trail.query(ADMIN, filter(7, before));
        assertThat(page.entries()).hasSizeLessThanOrEqualTo(7);
        all.addAll(numbers(page));
        before = page.nextBefore();
        pages++;
      } while (before != null);
      List<Integer> expected = new ArrayList<>();
      for (int i = 119; i >= 0; i--) {
        expected.add(i);
      }
      assertThat(all).isEqualTo(expected);
      assertThat(pages).isEqualTo(18);

      // Filters, each alone and together.
      assertThat(numbers(trail.query(ADMIN, new Filter(null, null, null, "error", null, null, null,
          100, null)))).containsExactly(110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0);
      assertThat(numbers(trail.query(ADMIN, new Filter("token:tok_b_m", "jdbc", "IN_C.ORDERS_1",
          null, null, null, null, 100, null)))).containsExactly(117, 105, 93, 81, 69, 57, 45, 33, 21, 9);
      assertThat(numbers(trail.query(ADMIN, new Filter(null, null, "orders_3", null,
          T0.plusSeconds(10), T0.plusSeconds(20), null, 100, null)))).containsExactly(19, 15, 11);
      assertThat(numbers(trail.query(ADMIN, new Filter(null, null, null, null, null, null,
          "select 11", 100, null)))).containsExactly(119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 11);
      assertThat(trail.query(ADMIN, new Filter(null, null, "rders_1", null, null, null, null, 100,
          null)).entries()).isEmpty();

      // A project's master token reads its own project's lines; nobody else's.
      Page a = trail.query(token("a", true), filter(1000, null));
      assertThat(a.entries()).hasSize(60).allMatch(e -> e.project().equals("a"));
      assertThat(trail.query(token("a", true), new Filter("token:tok_b_m", null, null, null, null,
          null, null, 100, null)).entries()).isEmpty();
      String bId = trail.query(ADMIN, new Filter("token:tok_b_m", null, null, null, null, null,
          null, 1, null)).entries().get(0).id();
      assertThatThrownBy(() -> trail.get(token("a", true), bId))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> trail.query(token("a", false), filter(10, null)))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void flushMakesJustRecordedLinesVisibleAndIdsSurviveRotation() throws Exception {
    Path dir = Files.createTempDirectory("audit");
    try (AuditLog log = new AuditLog(dir, 1024, 5)) {
      AuditTrail trail = new AuditTrailService(new AuditReader(log));
      String longSql = "SELECT '" + "x".repeat(5000) + "'";
      log.record(new AuditEvent(T0, "admin", "jdbc", "s1", longSql, List.of(), 1, 2, "ok", null, null));
      // No flush: the read waits for the writer.
      Page page = trail.query(ADMIN, Filter.newest());
      assertThat(page.entries()).hasSize(1);
      Entry listed = page.entries().get(0);
      assertThat(listed.sqlTruncated()).isTrue();
      assertThat(listed.sql()).hasSize(AuditTrail.LISTED_SQL_CHARS);
      assertThat(listed.project()).isNull();
      assertThat(page.nextBefore()).isNull();
      // The next line rotates the file; the id still finds the line, in full.
      log.record(new AuditEvent(T0.plusSeconds(1), "admin", "jdbc", "s2", "SELECT 2", List.of(),
          1, 2, "ok", null, null));
      log.flush();
      log.record(new AuditEvent(T0.plusSeconds(2), "admin", "jdbc", "s3", "SELECT 3", List.of(),
          1, 2, "ok", null, null));
      log.flush();
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("audit-")).count())
            .isGreaterThanOrEqualTo(1);
      }
      Entry full = trail.get(ADMIN, listed.id());
      assertThat(full.sql()).isEqualTo(longSql);
      assertThat(full.sqlTruncated()).isFalse();
      assertThat(trail.query(ADMIN, Filter.newest()).entries()).extracting(Entry::session)
          .containsExactly("s3", "s2", "s1");
      assertThat(trail.query(ADMIN, filter(100, listed.id())).entries()).isEmpty();
      assertThatThrownBy(() -> trail.get(ADMIN, "0123456789ab-0")).isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> trail.get(ADMIN, "nonsense")).isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> trail.query(ADMIN, filter(10, "nonsense")))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void skipsACutLastLineAndLinesThatAreNotJson() throws Exception {
    Path dir = Files.createTempDirectory("audit");
    try (AuditLog log = new AuditLog(dir, 1 << 20, 5)) {
      AuditTrail trail = new AuditTrailService(new AuditReader(log));
      log.record(event(1));
      log.flush();
      Files.writeString(log.file(), "not json\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      log.record(event(2));
      log.flush();
      Files.writeString(log.file(), "{\"time\":\"2026-12-01T00:00:09Z\",\"principal\":\"adm",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      assertThat(numbers(trail.query(ADMIN, Filter.newest()))).containsExactly(2, 1);
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void filterRefusesBadInput() {
    assertThatThrownBy(() -> new Filter(null, null, null, "maybe", null, null, null, 10, null))
        .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> new Filter(null, null, null, null, null, null, null, 0, null))
        .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> new Filter(null, null, null, null, null, null, null, 1001, null))
        .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> Filter.time("from", "yesterday"))
        .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(Filter.time("from", "2026-12-07")).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(Filter.time("to", "2026-12-07T13:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
  }

  @Test void engineLinesNameTheirProject() throws Exception {
    try (TestEngine floe = TestEngine.start()) {
      String a = floe.createProject("pa");
      floe.createBucket("pa", "in_c_b");
      floe.createTable("pa", "in_c_b", "t", "id INTEGER");
      try (EngineSession s = floe.engine().openSession(floe.principal(a), "jdbc", SqlFlavor.POSTGRES)) {
        Rows.query(s, "select id from in_c_b.t");
      }
      AuditTrail trail = floe.engine().auditTrail();
      Page page = trail.query(floe.principal(a), Filter.newest());
      assertThat(page.entries()).isNotEmpty().allMatch(e -> "pa".equals(e.project()));
      assertThat(trail.query(floe.principal(a), new Filter(null, "jdbc", "t", "ok", null, null,
          "from in_c_b", 100, null)).entries()).extracting(Entry::tables)
          .containsExactly(List.of("pa.in_c_b.t"));
      // A revoked token's refused login is the token's project's business too.
      var limited = floe.engine().storageServices().tokens().create(floe.principal(a), "pa",
          new ProjectTokens.TokenSpec("reader", Map.of(), false, null));
      floe.engine().storageServices().tokens().revoke(floe.principal(a), "pa",
          limited.info().record().id());
      assertThatThrownBy(() -> floe.engine().authentication().authenticate(
          new HttpCredentials.Token(limited.secret()), new Origin("rest", "10.0.0.1")));
      Entry refused = trail.query(floe.principal(a), new Filter(null, null, null, "error", null,
          null, "authenticate", 1, null)).entries().get(0);
      assertThat(refused.principal()).isEqualTo("token:" + limited.info().record().id());
      assertThat(refused.project()).isEqualTo("pa");
      assertThat(refused.reason()).isEqualTo("token revoked");
      assertThat(refused.remote()).isEqualTo("10.0.0.1");
      assertThatThrownBy(() -> trail.query(floe.principal(floe.engine().storageServices().tokens()
          .create(floe.principal(a), "pa", new ProjectTokens.TokenSpec("m", Map.of(), true, null))
          .secret()), Filter.newest()))
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
      assertThat(trail.query(floe.admin(), new Filter("admin", null, null, null, null, null, null,
          100, null)).entries()).allMatch(e -> e.project() == null);
    }
  }
}
