package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Start-up: GSSENC declined, version negotiation, TLS requirement, cleartext only over TLS. */
class PgStartupTest {
  static byte[] startup(int version, String... params) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    d.writeInt(version);
    for (String p : params) {
      d.write(p.getBytes(StandardCharsets.UTF_8));
      d.write(0);
    }
    d.write(0);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(packet);
    out.writeInt(body.size() + 4);
    out.write(body.toByteArray());
    return packet.toByteArray();
  }

  @Test void gssEncIsDeclinedAndNewerProtocolVersionsAreNegotiatedDown() throws Exception {
    try (PgTestServer pg = new PgTestServer();
         Socket s = new Socket("127.0.0.1", pg.server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.writeInt(8);
      out.writeInt(PgStartup.GSSENC_REQUEST);
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('N');
      out.write(startup((3 << 16) | 9999, "user", pg.workspace.username(), "_pq_.grease", "1"));
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('v');
      in.readInt();
      assertThat(in.readInt()).as("newest version supported, as PostgreSQL sends it: 3.0")
          .isEqualTo(196608);
      assertThat(in.readInt()).as("unrecognised options").isEqualTo(1);
      byte[] name = new byte["_pq_.grease".length() + 1];
      in.readFully(name);
      assertThat(new String(name, 0, name.length - 1, StandardCharsets.UTF_8)).isEqualTo("_pq_.grease");
      assertThat((char) in.readByte()).as("then authentication").isEqualTo('R');
      in.readInt();
      assertThat(in.readInt()).as("SASL").isEqualTo(10);
    }
  }

  @Test void scramSendsTheServerSignatureBeforeAuthenticationOkAndOnlyOneOk() throws Exception {
    try (PgTestServer pg = new PgTestServer(); RawPg raw = new RawPg(pg.server.port())) {
      raw.startup("user", pg.workspace.username(), "database", pg.workspace.workspace().databaseName());
      List<RawPg.Message> after = raw.scram(pg.workspace.password());
      assertThat(after.get(0).type()).isEqualTo('R');
      assertThat(after.get(0).int32(0)).as("AuthenticationSASLFinal first").isEqualTo(12);
      assertThat(after.get(0).text(4)).startsWith("v=");
      assertThat(after.get(1).type()).isEqualTo('R');
      assertThat(after.get(1).int32(0)).as("then AuthenticationOk").isZero();
      assertThat(after.stream().filter(m -> m.type() == 'R').count()).as("one of each").isEqualTo(2);
      assertThat(after.get(after.size() - 1).type()).isEqualTo('Z');
      raw.query("select 1");
      assertThat(raw.readUntil('D').text(6)).isEqualTo("1");
    }
  }

  @Test void cleartextPasswordsOnlyOverTlsAndTlsCanBeRequired() throws Exception {
    java.nio.file.Path tls = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "floe-pg-tls");
    try (PgTestServer pg = new PgTestServer(PgConfig.defaults(tls).withCleartextOverTls(true)
        .withRequireTls(true))) {
      Properties plain = new Properties();
      plain.setProperty("sslmode", "disable");
      assertThatThrownBy(() -> pg.connect(plain).close())
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
      Properties p = new Properties();
      p.setProperty("sslmode", "require");
      try (Connection c = pg.connect(p); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
      p.setProperty("password", "wrong");
      assertThatThrownBy(() -> pg.connect(p).close())
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }
  }

  @Test void theListenerIsReadyBeforeTheKeyStoreAndTlsClientsWaitForIt() throws Exception {
    java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("floe-pg-fresh-tls");
    java.nio.file.Path tls = dataDir.resolve("tls");
    try (PgTestServer pg = new PgTestServer(PgConfig.defaults(dataDir).withRequireTls(true))) {
      // keytool (a JVM of its own) is still generating the certificate when start() has returned.
      assertThat(tls.resolve("pg-tls.password")).as("start did not wait for the key store")
          .doesNotExist();
      Properties p = new Properties();
      p.setProperty("sslmode", "require");
      try (Connection c = pg.connect(p); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
      assertThat(tls.resolve("pg-tls.password")).exists();
    }
  }

  @Test void unknownUsersFailLikeWrongPasswords() {
    try (PgTestServer pg = new PgTestServer()) {
      Properties p = new Properties();
      p.setProperty("user", "nobody");
      assertThatThrownBy(() -> pg.connect(p).close())
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"))
          .hasMessageContaining("password authentication failed for user \"nobody\"");
    }
  }
}
