package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, end to end: six principals against five operations, through real HTTP and the
 * real driver jar. Project {@code a} owns bucket {@code in_c_sales}; project {@code c} links it as
 * {@code shared_sales}; project {@code b} has nothing to do with it.
 *
 * <p>Cells: {@code ok} allowed; an HTTP status or SQLSTATE for a refusal ({@code 401} and
 * {@code 28000}: not authenticated; {@code 403} and {@code 42501}: not allowed; {@code 404} and
 * {@code 42P01}: not there for this principal).
 */
class AccessMatrixTest {
  static final String[] OPERATIONS = {"list", "preview", "jdbc query", "import", "delete"};

  static final String[][] MATRIX = {
      // principal            list    preview  jdbc query  import  delete
      {"admin",               "ok",   "ok",    "ok",       "ok",   "ok"},
      {"full project token",  "ok",   "ok",    "ok",       "ok",   "ok"},
      {"read-only token",     "ok",   "ok",    "ok",       "403",  "403"},
      {"other project token", "403",  "403",   "42P01",    "403",  "403"},
      {"linked-bucket reader", "ok",  "ok",    "ok",       "403",  "403"},
      {"revoked token",       "401",  "401",   "28000",    "401",  "401"},
  };

  static final String ORDERS = "{\"name\":\"orders\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]}";

  static TestServer floe;
  static final Map<String, String> TOKENS = new LinkedHashMap<>();

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    String a = floe.createProject("a");
    String b = floe.createProject("b");
    String c = floe.createProject("c");
    floe.createBucket("a", a, "in_c_sales");
    floe.createTable("a", a, "in_c_sales", ORDERS);
    assertThat(floe.importCsv("a", a, "in_c_sales", "orders", "id,amount\n1,1.00\n2,2.00\n", false).status())
        .isEqualTo(200);
    ok(floe.json("POST", "/projects/a/buckets/in_c_sales/share", a, "{\"target_project_id\":\"c\"}"));
    ok(floe.json("POST", "/projects/c/buckets/shared_sales/link", c,
        "{\"source_project_id\":\"a\",\"source_bucket_name\":\"in_c_sales\"}"));
    String reader = ok(floe.json("POST", "/projects/a/tokens", a,
        "{\"description\":\"reader\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}")).get("token").asText();
    JsonNode doomed = ok(floe.json("POST", "/projects/a/tokens", a,
        "{\"description\":\"doomed\",\"bucket_permissions\":{\"in_c_sales\":\"write\"}}"));
    ok(floe.json("DELETE", "/projects/a/tokens/" + doomed.get("id").asText(), a, null));
    TOKENS.put("admin", TestServer.ADMIN_TOKEN);
    TOKENS.put("full project token", a);
    TOKENS.put("read-only token", reader);
    TOKENS.put("other project token", b);
    TOKENS.put("linked-bucket reader", c);
    TOKENS.put("revoked token", doomed.get("token").asText());
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static JsonNode ok(TestServer.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    return answer.body().isEmpty() ? null : answer.json();
  }

  /** Where a principal finds the table: the linked reader through its link, everyone else at the source. */
  static String bucketPath(String principal) {
    return principal.equals("linked-bucket reader") ? "/projects/c/buckets/shared_sales"
        : "/projects/a/buckets/in_c_sales";
  }

  static String sqlName(String principal) {
    return principal.equals("linked-bucket reader") ? "c.shared_sales" : "a.in_c_sales";
  }

  static String http(TestServer.Answer answer) {
    return answer.status() < 300 ? "ok" : Integer.toString(answer.status());
  }

  static String outcome(String principal, String operation) {
    String token = TOKENS.get(principal);
    String bucket = bucketPath(principal);
    return switch (operation) {
      case "list" -> http(floe.call("GET", bucket + "/tables", token, null, null));
      case "preview" -> http(floe.call("GET", bucket + "/tables/orders/preview", token, null, null));
      case "jdbc query" -> {
        try (Connection conn = DriverJar.connect(floe.jdbcUrl(), token); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + sqlName(principal) + ".orders")) {
          rs.next();
          assertThat(rs.getLong(1)).isPositive();
          yield "ok";
        } catch (SQLException e) {
          yield e.getSQLState();
        }
      }
      case "import" -> http(floe.call("POST", bucket + "/tables/orders/import?incremental=true", token,
          "text/csv", "id,amount\n9,9.00\n"));
      case "delete" -> {
        // Each attempt gets its own table, so an allowed delete does not change later cells.
        String victim = "victim_" + principal.replaceAll("[^a-z]", "_");
        floe.createTable("a", TestServer.ADMIN_TOKEN, "in_c_sales",
            ORDERS.replace("\"orders\"", "\"" + victim + "\""));
        yield http(floe.call("DELETE", bucket + "/tables/" + victim, token, null, null));
      }
      default -> throw new IllegalArgumentException(operation);
    };
  }

  @Test void everyPrincipalGetsExactlyWhatTheMatrixSays() {
    List<String> mismatches = new ArrayList<>();
    for (String[] row : MATRIX) {
      for (int op = 0; op < OPERATIONS.length; op++) {
        String actual = outcome(row[0], OPERATIONS[op]);
        if (!actual.equals(row[op + 1])) {
          mismatches.add(row[0] + " × " + OPERATIONS[op] + ": expected " + row[op + 1] + ", got " + actual);
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(MATRIX.length).isEqualTo(TOKENS.size());
  }

  @Test void sqlWritesToALinkedBucketAreRefusedWith42501() throws SQLException {
    try (Connection conn = DriverJar.connect(floe.jdbcUrl(), TOKENS.get("linked-bucket reader"));
         Statement s = conn.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("insert into shared_sales.orders values (5, 5.00)"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
    }
  }
}
