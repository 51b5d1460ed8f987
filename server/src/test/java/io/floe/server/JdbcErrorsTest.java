package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.floe.engine.api.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors as the application sees them through the real driver: Floe's message, SQLSTATE and vendor
 * code, without Avatica's decorations ("Remote driver error", "Error 1004 (42P01) :", "Error while
 * executing SQL"), from every kind of call; and a server that answers something other than
 * Avatica (a proxy's HTTP 500 page, JSON of another shape) gives a SQLException, not a parser's.
 */
class JdbcErrorsTest {
  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_sales");
    floe.createTable("p", token, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    floe.importCsv("p", token, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** The call fails with Floe's own message, {@code sqlState} and {@code code}'s vendor code. */
  static void fails(ThrowingCallable call, ErrorCode code, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SQLException.class, e -> {
      assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(code.sqlState());
      assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(code.vendorCode());
      assertThat(e.getMessage()).contains(messagePart)
          .doesNotContain("Remote driver error", "Error while", "exception while", "while preparing")
          .doesNotStartWith("Error ");
    });
  }

  /** LIMIT and OFFSET expressions are computed while planning; a negative one is 2201W or 2201X. */
  @Test void negativeLimitAndOffsetKeepTheirSqlState() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select id from in_c_sales.orders order by id limit (select 1) + 1 "
          + "offset (select null)")) {
        assertThat(rs.next() && rs.getInt(1) == 1 && rs.next() && rs.getInt(1) == 2 && !rs.next()).isTrue();
      }
      fails(() -> s.executeQuery("select id from in_c_sales.orders limit 1 - 2"),
          ErrorCode.INVALID_ROW_COUNT_IN_LIMIT, "LIMIT must not be negative");
      fails(() -> s.executeQuery("select id from in_c_sales.orders offset (select -1)"),
          ErrorCode.INVALID_ROW_COUNT_IN_OFFSET, "OFFSET must not be negative");
    }
  }

  @Test void queriesPreparesAndExecutesReportFloesMessage() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      fails(() -> s.executeQuery("select * from in_c_sales.nope"), ErrorCode.NOT_FOUND, "nope");
      fails(() -> s.execute("select nope from in_c_sales.orders"), ErrorCode.COLUMN_NOT_FOUND, "nope");
      fails(() -> s.executeUpdate("select 1 +"), ErrorCode.SYNTAX_ERROR, "syntax error at end of input");
      fails(() -> c.prepareStatement("select nope2 from in_c_sales.orders"),
          ErrorCode.COLUMN_NOT_FOUND, "nope2");
      try (PreparedStatement ps = c.prepareStatement("select id from in_c_sales.orders where id = ?")) {
        ps.setString(1, "seven");
        fails(ps::executeQuery, ErrorCode.INVALID_DATA, "invalid input syntax for type integer: \"seven\"");
      }
    }
  }

  @Test void metadataCallsAfterTheTokenIsRevokedReportFloesMessage() throws SQLException {
    com.fasterxml.jackson.databind.JsonNode created = floe.json("POST", "/projects/p/tokens", token,
        "{\"description\":\"short-lived\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}").json();
    String limited = created.get("id").asText();
    String secret = created.get("token").asText();
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), secret)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(JdbcEndToEndTest.column(md.getTables(null, null, "%", null), "TABLE_NAME"))
          .containsExactly("orders");
      assertThat(floe.json("DELETE", "/projects/p/tokens/" + limited, token, null).status())
          .isLessThan(300);
      fails(() -> md.getTables(null, null, "%", null), ErrorCode.UNAUTHENTICATED,
          "invalid, expired or revoked token");
      fails(() -> c.createStatement().executeQuery("select 1"), ErrorCode.UNAUTHENTICATED,
          "invalid, expired or revoked token");
    }
    fails(() -> DriverJar.connect(floe.jdbcUrl(), "not-a-token"), ErrorCode.UNAUTHENTICATED,
        "invalid, expired or revoked token");
  }

  /** A fake server that answers every request with {@code status}, content type and body. */
  private static HttpServer fake(int status, String contentType, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return server;
  }

  @Test void answersThatAreNotAvaticaAreSqlExceptions() throws IOException {
    String[][] answers = {
        {"500", "text/html", "<html><body><h1>502 Bad Gateway</h1>upstream down</body></html>",
            "XX000", "HTTP status 500"},
        {"500", "application/json", "{\"error\":\"internal\",\"message\":\"boom\"}", "08P01",
            "cannot read Floe's answer"},
        {"200", "application/json", "not json at all", "08P01", "cannot read Floe's answer"},
        {"502", "text/plain", "bad gateway", "08006", "unexpected HTTP status 502"}};
    for (String[] a : answers) {
      HttpServer server = fake(Integer.parseInt(a[0]), a[1], a[2]);
      try {
        String url = "jdbc:floe://127.0.0.1:" + server.getAddress().getPort();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        assertThatThrownBy(() -> DriverJar.connect(url, "token"))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              thrown.set(e);
              assertThat(e.getSQLState()).as(a[2]).isEqualTo(a[3]);
              assertThat(e.getMessage()).contains(a[4]);
            });
        for (Throwable t = thrown.get(); t != null; t = t.getCause()) {
          assertThat(t.getClass().getName()).doesNotContain("jackson");
        }
      } finally {
        server.stop(0);
      }
    }
  }

  @Test void theConnectionStillWorksAfterAnError() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      fails(() -> s.executeQuery("select * from in_c_sales.nope"), ErrorCode.NOT_FOUND, "nope");
      try (ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(5);
      }
    }
  }
}
