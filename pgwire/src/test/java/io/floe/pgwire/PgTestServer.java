package io.floe.pgwire;

import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * A real engine with a project ({@code p1}: bucket {@code in_c_sales} with {@code orders}) and a
 * workspace, served by a real {@link PgServer} on 127.0.0.1, port 0.
 */
final class PgTestServer implements AutoCloseable {
  final TestEngine floe;
  final PgServer server;
  final String projectKey;
  final CreatedWorkspace workspace;

  PgTestServer(PgConfig config) {
    this(config, TestEngine.start());
  }

  /** The server over {@code engine}, which it closes. */
  PgTestServer(PgConfig config, TestEngine engine) {
    floe = engine;
    try {
      projectKey = floe.createProject("p1");
      floe.createBucket("p1", "in_c_sales");
      floe.createTable("p1", "in_c_sales", "orders", "id INTEGER PK", "customer_id INTEGER",
          "amount DECIMAL(12,2)", "note VARCHAR");
      floe.importCsv("p1", "in_c_sales", "orders", TestEngine.csv("id,customer_id,amount,note",
          "1,10,5.50,a", "2,10,4.50,b", "3,20,7.00,c"), false);
      workspace = floe.engine().workspaces().create(floe.principal(projectKey), "p1", null, "t",
          null, null, List.of());
      server = PgServer.start(floe.engine(), config.withAddress("127.0.0.1", 0));
    } catch (Exception e) {
      floe.close();
      throw new IllegalStateException(e);
    }
  }

  PgTestServer() {
    this(PgConfig.defaults(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "floe-pg-tls")));
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + workspace.workspace().databaseName();
  }

  Connection connect() throws SQLException {
    return connect(new Properties());
  }

  Connection connect(Properties extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", workspace.username());
    p.setProperty("password", workspace.password());
    p.putAll(extra);
    return DriverManager.getConnection(url(), p);
  }

  @Override public void close() {
    server.close();
    floe.close();
  }
}
