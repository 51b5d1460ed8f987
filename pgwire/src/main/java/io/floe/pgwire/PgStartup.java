package io.floe.pgwire;

import io.floe.engine.api.Floe;
import io.floe.engine.api.Origin;
import io.floe.engine.api.Principal;
import io.floe.engine.api.ScramVerifier;
import io.floe.engine.api.admin.WorkspaceLogin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The start-up phase of a connection: SSLRequest (upgrading to TLS), GSSENCRequest (declined),
 * CancelRequest (handed to the server), protocol version negotiation, and authentication by
 * SCRAM-SHA-256 (or a cleartext password over TLS, when configured) against the workspace's
 * stored verifier.
 */
final class PgStartup {
  static final int PROTOCOL_3_0 = 196608;
  static final int SSL_REQUEST = 80877103;
  static final int GSSENC_REQUEST = 80877104;
  static final int CANCEL_REQUEST = 80877102;

  /** A client that passed start-up and authentication. */
  record Client(Socket socket, PgInput input, OutputStream output, Map<String, String> parameters,
      String user, WorkspaceLogin login, boolean tls) {}

  /** A cancel request: the connection's key. */
  record Cancel(int pid, int secret) {}

  /** Thrown to end a connection with a FATAL error already sent. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final Floe engine;
  private final PgConfig config;
  private final PgTls.Pending tls;
  private final byte[] decoySecret;

  PgStartup(Floe engine, PgConfig config, PgTls.Pending tls, byte[] decoySecret) {
    this.engine = engine;
    this.config = config;
    this.tls = tls;
    this.decoySecret = decoySecret;
  }

  /**
   * Runs start-up on a new socket. Returns the authenticated client, a {@link Cancel}, or null
   * when the client went away.
   *
   * @param admit asked once the start-up packet has arrived, before authentication: false refuses
   *     the client with FATAL 53300 (the server has no session free), as PostgreSQL does
   */
  Object run(Socket socket, BooleanSupplier admit) throws IOException, Refused {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    boolean secure = false;
    for (int round = 0; round < 4; round++) {
      PgMessageReader reader = new PgMessageReader(in, PgMessageReader.MAX_STARTUP_MESSAGE);
      byte[] packet = reader.readStartup();
      if (packet == null) {
        return null;
      }
      PgMessageReader.Body body = new PgMessageReader.Body(packet);
      int code = body.int32();
      if (code == SSL_REQUEST && !secure) {
        PgMessageWriter w = new PgMessageWriter(out);
        SSLContext context = tls.await();
        if (context == null) {
          w.raw('N');
          continue;
        }
        w.raw('S');
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket,
            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        secure = true;
        continue;
      }
      if (code == GSSENC_REQUEST) {
        new PgMessageWriter(out).raw('N');
        continue;
      }
      if (code == CANCEL_REQUEST) {
        return new Cancel(body.int32(), body.int32());
      }
      if ((code >>> 16) != 3) {
        fatal(out, "08P01", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
            + ": server supports 3.0");
        throw new Refused("unsupported protocol");
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      List<String> unknownOptions = new ArrayList<>();
      while (body.hasMore()) {
        String name = body.cstring();
        if (name.isEmpty()) {
          break;
        }
        String value = body.cstring();
        if (name.startsWith("_pq_.")) {
          unknownOptions.add(name);
        } else {
          parameters.put(name, value);
        }
      }
      if ((code & 0xffff) > 0 || !unknownOptions.isEmpty()) {
        // The newest protocol version Floe speaks, as PostgreSQL sends it: 3.0 (196608), not a bare
        // minor number (libpq 18 reads the full version).
        PgMessageWriter w = new PgMessageWriter(out);
        w.begin('v').int32(PROTOCOL_3_0).int32(unknownOptions.size());
        for (String o : unknownOptions) {
          w.cstring(o);
        }
        w.end();
        w.flush();
      }
      boolean loopback = socket.getInetAddress().isLoopbackAddress();
      if (!secure && (config.requireTls() || !loopback)) {
        fatal(out, "28000", "TLS is required: connect with sslmode=require");
        throw new Refused("TLS required");
      }
      if (!admit.getAsBoolean()) {
        fatal(out, "53300", "sorry, too many clients already");
        throw new Refused("too many connections");
      }
      PgInput input = new PgInput(socket, in);
      return authenticate(socket, input, out, parameters, secure);
    }
    fatal(out, "08P01", "too many start-up negotiation requests");
    throw new Refused("negotiation loop");
  }

  private Client authenticate(Socket socket, PgInput in, OutputStream out,
      Map<String, String> parameters, boolean secure) throws IOException, Refused {
    String user = parameters.getOrDefault("user", "");
    PgMessageWriter w = new PgMessageWriter(out);
    PgMessageReader reader = new PgMessageReader(in, PgMessageReader.MAX_STARTUP_MESSAGE);
    Optional<WorkspaceLogin> login = engine.workspaces().login(user);
    ScramVerifier verifier = login.map(WorkspaceLogin::verifier)
        .orElseGet(() -> ScramVerifier.decoy(user, decoySecret));
    boolean ok;
    if (secure && config.allowCleartextOverTls()) {
      w.authentication(3, null);
      w.flush();
      PgMessageReader.Message m = reader.read();
      if (m == null || m.type() != 'p') {
        throw new Refused("no password");
      }
      String password = m.reader().cstring();
      ok = verifier.matches(password);
    } else {
      ok = scram(w, reader, verifier);
    }
    if (!ok || login.isEmpty()) {
      engine.authentication().refusedPassword(new Origin("pgwire", remote(socket)),
          login.map(l -> Principal.workspaceName(l.workspaceId())).orElse(null), user,
          login.isEmpty() ? "no active workspace user of that name" : "wrong password");
      fatal(out, "28P01", "password authentication failed for user \"" + user + "\"");
      throw new Refused("authentication failed");
    }
    String database = parameters.get("database");
    String expected = "workspace_" + login.get().workspaceId();
    if (database != null && !database.isEmpty() && !database.equals(expected)
        && !database.equals(user)) {
      fatal(out, "3D000", "database \"" + database + "\" does not exist");
      throw new Refused("unknown database");
    }
    // AuthenticationOk follows from the connection, once its engine session is open.
    return new Client(socket, in, out, parameters, user, login.get(), secure);
  }

  /** The client's address, as logs and audit lines name it. */
  static String remote(Socket socket) {
    return socket.getInetAddress().getHostAddress();
  }

  private static boolean scram(PgMessageWriter w, PgMessageReader reader, ScramVerifier verifier)
      throws IOException, Refused {
    byte[] mechanisms = (ScramServer.MECHANISM + "\0\0").getBytes(StandardCharsets.UTF_8);
    w.authentication(10, mechanisms);
    w.flush();
    PgMessageReader.Message initial = reader.read();
    if (initial == null || initial.type() != 'p') {
      throw new Refused("no SASL response");
    }
    PgMessageReader.Body body = initial.reader();
    String mechanism = body.cstring();
    if (!ScramServer.MECHANISM.equals(mechanism)) {
      throw new PgProtocolException("unsupported SASL mechanism " + mechanism);
    }
    int length = body.int32();
    String clientFirst = new String(body.bytes(length), StandardCharsets.UTF_8);
    ScramServer scram = new ScramServer(verifier);
    w.authentication(11, scram.first(clientFirst).getBytes(StandardCharsets.UTF_8));
    w.flush();
    PgMessageReader.Message response = reader.read();
    if (response == null || response.type() != 'p') {
      throw new Refused("no SASL response");
    }
    String serverFinal = scram.last(new String(response.body(), StandardCharsets.UTF_8));
    if (serverFinal == null) {
      return false;
    }
    // The server signature proves to the client that Floe knows its verifier; libpq with
    // require_auth=scram-sha-256 refuses a login without it.
    w.authentication(12, serverFinal.getBytes(StandardCharsets.UTF_8));
    w.flush();
    return true;
  }

  private static void fatal(OutputStream out, String sqlState, String message) throws IOException {
    PgMessageWriter w = new PgMessageWriter(out);
    w.notice('E', PgError.fatal(sqlState, message));
    w.flush();
  }
}
