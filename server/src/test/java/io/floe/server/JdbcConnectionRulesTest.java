package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.EngineConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JDBC connection belongs to the token that opened it, and tokens have a connection limit. */
class JdbcConnectionRulesTest {
  @Test void anotherTokenCannotUseAConnectionId() throws Exception {
    try (TestServer floe = TestServer.start()) {
      String a = floe.createProject("a");
      String b = floe.createProject("b");
      try (Connection c = DriverJar.connect(floe.jdbcUrl(), a); Statement s = c.createStatement()) {
        s.executeQuery("select 1").close();
        String connectionId = (String) c.getClass().getField("id").get(c);
        String stolen = "{\"request\":\"createStatement\",\"connectionId\":\"" + connectionId + "\"}";
        TestServer.Answer answer = floe.call("POST", "/avatica", b, "application/json", stolen);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("response").asText()).isEqualTo("error");
        assertThat(answer.json().get("errorMessage").asText()).contains("not found");
        TestServer.Answer anonymous = floe.call("POST", "/avatica", null, "application/json", stolen);
        assertThat(anonymous.status()).isEqualTo(401);
        // The owner still uses it.
        s.executeQuery("select 2").close();
      }
    }
  }

  @Test void connectionsPerTokenAreLimited() throws Exception {
    EngineConfig engine = EngineConfig.defaults(TestServer.tempDir()).withDuckDb("1GB", 2)
        .withMaxSessionsPerPrincipal(3);
    try (TestServer floe = TestServer.start(engine)) {
      String a = floe.createProject("a");
      List<Connection> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          open.add(DriverJar.connect(floe.jdbcUrl(), a));
        }
        assertThatThrownBy(() -> DriverJar.connect(floe.jdbcUrl(), a))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
        open.remove(0).close();
        open.add(DriverJar.connect(floe.jdbcUrl(), a));
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }
    }
  }

}
