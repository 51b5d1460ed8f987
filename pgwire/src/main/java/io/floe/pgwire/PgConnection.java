package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.Session;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection after start-up: the simple and extended query protocols over one engine
 * session of the workspace principal. This class reads and answers messages; prepared statements
 * and portals are kept by {@link PgExtendedState}, settings by {@link PgSettingCommands}, the
 * transaction block by {@link PgTransactionBlock}. Rows stream from the engine to the socket, and a
 * portal with a row limit is suspended and resumed.
 *
 * <p>Transactions: outside a block every statement commits on its own. BEGIN opens a block of the
 * engine session ({@link Session#begin}): INSERT, UPDATE and DELETE of workspace tables are one
 * DuckDB transaction that COMMIT commits and ROLLBACK undoes. Workspace DDL cannot run in a block
 * (25001). After an error the block is failed: everything but COMMIT and ROLLBACK gets 25P02.
 * Savepoints are names only: ROLLBACK TO works while no write ran since the savepoint, and
 * otherwise fails, as the writes cannot be undone without undoing the whole block.
 */
final class PgConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);

  private final PgServer server;
  private final PgStartup.Client client;
  private final int pid;
  private final int secret;
  private final PgMessageReader reader;
  private final PgMessageWriter writer;
  private final PgSettings settings;
  private final Session session;
  private final PgStatements statements;
  private final PgSettingCommands settingCommands;
  private final PgExtendedState extended = new PgExtendedState();
  private final PgTransactionBlock block;
  private boolean skipToSync;
  private volatile boolean busy;
  private volatile boolean gone;

  PgConnection(PgServer server, Floe engine, PgStartup.Client client, int pid, int secret) {
    this.server = server;
    this.client = client;
    this.pid = pid;
    this.secret = secret;
    this.reader = new PgMessageReader(new BufferedInputStream(client.input(), 16384));
    this.writer = new PgMessageWriter(new java.io.BufferedOutputStream(client.output(), 16384));
    this.settings = new PgSettings(client.user(), client.parameters());
    Principal principal = engine.workspaces().principal(client.login().workspaceId());
    this.session = engine.openSession(principal, client.user(), "pgwire", Flavor.POSTGRES);
    this.statements = new PgStatements(session, server.mirrors(), settings,
        "workspace_" + client.login().workspaceId(), client.user(), pid);
    this.settingCommands = new PgSettingCommands(settings, session, writer::parameterStatus);
    this.block = new PgTransactionBlock(session,
        message -> writer.notice('N', PgError.warning(message)), extended::closePortals);
  }

  int pid() {
    return pid;
  }

  boolean matches(int pid, int secret) {
    return this.pid == pid && this.secret == secret;
  }

  String workspaceId() {
    return client.login().workspaceId();
  }

  /** Stops what the connection is running (a CancelRequest). */
  void cancel() {
    session.cancelRunning();
  }

  /** Whether the connection thread is running a statement (and so not reading the socket). */
  boolean isBusy() {
    return busy;
  }

  /** Checks, while busy, whether the client went away; if so, stops its statement. */
  void probe() {
    if (busy && !gone && client.input().probeClosed()) {
      gone = true;
      LOG.debug("Client of connection {} went away mid-statement; stopping it", pid);
      session.close();
    }
  }

  /** Serves the connection until the client terminates or the socket closes. */
  void serve() throws IOException {
    writer.authentication(0, null);
    for (Map.Entry<String, String> p : settings.reported().entrySet()) {
      writer.parameterStatus(p.getKey(), p.getValue());
    }
    writer.begin('K').int32(pid).int32(secret).end();
    writer.readyForQuery(block.status());
    writer.flush();
    settingCommands.applyToSession();
    try {
      loop();
    } finally {
      extended.closePortals();
      session.close();
    }
  }

  private void loop() throws IOException {
    while (true) {
      PgMessageReader.Message m;
      try {
        m = reader.read();
      } catch (SocketTimeoutException idle) {
        writer.notice('E', PgError.fatal("57P05",
            "terminating connection due to idle-session timeout"));
        writer.flush();
        return;
      }
      if (m == null || m.type() == 'X' || gone) {
        return;
      }
      if (skipToSync && m.type() != 'S') {
        continue;
      }
      try {
        switch (m.type()) {
          case 'Q' -> simpleQuery(m.reader().cstring());
          case 'P' -> parse(m.reader());
          case 'B' -> bind(m.reader());
          case 'D' -> describe(m.reader());
          case 'E' -> execute(m.reader());
          case 'C' -> close(m.reader());
          case 'H' -> writer.flush();
          case 'S' -> sync();
          case 'F' -> throw new FloeException(ErrorCode.NOT_SUPPORTED, "the function call protocol is not supported");
          case 'd', 'c', 'f' -> { } // COPY data outside COPY: ignored, as PostgreSQL does
          default -> throw new PgProtocolException("unexpected message type '" + m.type() + "'");
        }
      } catch (FloeException e) {
        error(PgError.of(e), m.type() == 'Q');
      } catch (PgProtocolException e) {
        writer.notice('E', PgError.fatal("08P01", e.getMessage()));
        writer.flush();
        return;
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        // A bug must cost the statement, not the connection.
        error(PgError.internal(e), m.type() == 'Q');
      }
    }
  }

  /** Reports an error; in a block the transaction fails, in the extended protocol skip to Sync. */
  private void error(PgError e, boolean simple) throws IOException {
    if (gone) {
      return;
    }
    writer.notice('E', e);
    block.failed();
    if (simple) {
      writer.readyForQuery(block.status());
      writer.flush();
    } else {
      skipToSync = true;
    }
  }

  // ---- simple query --------------------------------------------------------------------------

  private void simpleQuery(String sql) throws IOException {
    boolean any = false;
    for (LexedStatement part : LexedStatement.split(sql)) {
      if (part.isEmpty()) {
        continue;
      }
      any = true;
      PgStatement statement = prepare(part, List.of());
      run(statement, List.of(), new short[0], 0, true);
    }
    if (!any) {
      writer.emptyQuery();
    }
    writer.readyForQuery(block.status());
    writer.flush();
  }

  // ---- extended query ------------------------------------------------------------------------

  private void parse(PgMessageReader.Body body) throws IOException {
    String name = body.cstring();
    String sql = body.cstring();
    int n = body.int16();
    List<Integer> oids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      oids.add(body.int32());
    }
    extended.putStatement(name, prepare(LexedStatement.of(sql), oids));
    writer.parseComplete();
  }

  private void bind(PgMessageReader.Body body) throws IOException {
    String portalName = body.cstring();
    String statementName = body.cstring();
    PgStatement statement = extended.statement(statementName);
    short[] formats = formatCodes(body);
    int nParams = Short.toUnsignedInt(body.int16());
    if (formats.length > 1 && formats.length != nParams) {
      throw FloeException.of(ErrorCode.PROTOCOL_VIOLATION,
          "bind message has %d parameter formats but %d parameters", formats.length, nParams);
    }
    int expected = statement.parameterOids().size();
    if (nParams != expected) {
      throw FloeException.of(ErrorCode.PROTOCOL_VIOLATION,
          "bind message supplies %d parameters, but prepared statement \"%s\" requires %d", nParams,
          statementName, expected);
    }
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < nParams; i++) {
      int length = body.int32();
      byte[] data = length < 0 ? null : body.bytes(length);
      boolean binary = formats.length == 1 ? formats[0] == 1 : i < formats.length && formats[i] == 1;
      params.add(PgValues.parameter(i + 1, data, binary, statement.parameterOids().get(i)));
    }
    short[] resultFormats = formatCodes(body);
    int columns = statement.columns() == null ? 0 : statement.columns().size();
    if (statement.columns() != null && resultFormats.length > 1 && resultFormats.length != columns) {
      throw FloeException.of(ErrorCode.PROTOCOL_VIOLATION,
          "bind message has %d result formats but query has %d columns", resultFormats.length, columns);
    }
    extended.putPortal(portalName, new PgPortal(statement, params, resultFormats));
    writer.bindComplete();
  }

  /** A count and that many format codes, each 0 (text) or 1 (binary). */
  private static short[] formatCodes(PgMessageReader.Body body) {
    short[] codes = new short[Short.toUnsignedInt(body.int16())];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = body.int16();
      if (codes[i] != 0 && codes[i] != 1) {
        throw FloeException.of(ErrorCode.INVALID_PARAMETER, "unsupported format code: %d", codes[i]);
      }
    }
    return codes;
  }

  private void describe(PgMessageReader.Body body) throws IOException {
    char kind = (char) body.int8();
    String name = body.cstring();
    if (kind == 'S') {
      PgStatement statement = extended.statement(name);
      writer.parameterDescription(statement.parameterOids());
      rowDescription(statement.columns(), new short[0]);
    } else {
      PgPortal portal = extended.portal(name);
      rowDescription(portal.columns(), portal.formats());
    }
  }

  private void execute(PgMessageReader.Body body) throws IOException {
    String name = body.cstring();
    int maxRows = body.int32();
    PgPortal portal = extended.portal(name);
    if (portal.isDone()) {
      writer.commandComplete(portal.tag());
      return;
    }
    if (portal.result() != null) {
      stream(portal, maxRows);
      return;
    }
    run(portal.statement(), portal.parameters(), portal.formats(), maxRows, false, portal);
  }

  private void close(PgMessageReader.Body body) throws IOException {
    char kind = (char) body.int8();
    String name = body.cstring();
    extended.close(kind, name);
    writer.closeComplete();
  }

  private void sync() throws IOException {
    skipToSync = false;
    if (block.isIdle()) {
      extended.closePortals();
    }
    writer.readyForQuery(block.status());
    writer.flush();
  }

  // ---- running ---------------------------------------------------------------------------

  /** Plans a statement (the session re-reads the workspace principal's rights as they are now). */
  private PgStatement prepare(LexedStatement sql, List<Integer> oids) {
    busy = true;
    try {
      return statements.prepare(sql, oids);
    } finally {
      busy = false;
    }
  }

  private void run(PgStatement statement, List<Object> params, short[] formats, int maxRows,
      boolean simple) throws IOException {
    PgPortal portal = new PgPortal(statement, params, formats);
    try {
      run(statement, params, formats, maxRows, simple, portal);
    } finally {
      portal.close();
    }
  }

  private void run(PgStatement statement, List<Object> params, short[] formats, int maxRows,
      boolean simple, PgPortal portal) throws IOException {
    if (block.status() == 'E' && !(statement.route() == PgStatement.Route.SESSION
        && PgTransactionBlock.endsFailure(statement.command().kind()))) {
      throw new FloeException(ErrorCode.IN_FAILED_TRANSACTION, "current transaction is aborted, "
          + "commands ignored until end of transaction block");
    }
    switch (statement.route()) {
      case EMPTY -> {
        writer.emptyQuery();
        portal.finish("");
      }
      case SESSION -> {
        PgResult result = sessionCommand(statement.command());
        portal.open(result);
        if (simple && result.columns() != null) {
          rowDescription(result.columns(), formats);
        }
        stream(portal, 0);
      }
      default -> {
        busy = true;
        PgResult result;
        try {
          result = statements.execute(statement, params, simple);
        } finally {
          busy = false;
        }
        portal.open(result);
        if (simple && result.columns() != null) {
          rowDescription(result.columns(), formats);
        }
        stream(portal, maxRows);
      }
    }
  }

  /** Sends rows of an open portal, up to {@code maxRows} (0: all), then completes or suspends. */
  private void stream(PgPortal portal, int maxRows) throws IOException {
    PgResult result = portal.result();
    List<PgColumn> columns = result.columns();
    ZoneId zone = settings.zone();
    int extraFloatDigits = settings.extraFloatDigits();
    long sent = 0;
    busy = true;
    try {
      while (maxRows <= 0 || sent < maxRows) {
        if (!result.next()) {
          portal.finish(result.tag(portal.rows()));
          writer.commandComplete(portal.tag());
          return;
        }
        writer.begin('D').int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
          Object v = result.get(i);
          if (v != null && portal.binary(i)) {
            byte[] data = PgValues.binary(v, columns.get(i).type());
            writer.int32(data.length).bytes(data);
          } else {
            PgValues.writeText(writer, v, zone, extraFloatDigits);
          }
        }
        writer.end();
        portal.countRow();
        sent++;
      }
      writer.portalSuspended();
    } catch (FloeException e) {
      portal.close();
      throw e;
    } finally {
      busy = false;
    }
  }

  private void rowDescription(List<PgColumn> columns, short[] formats) throws IOException {
    if (columns == null) {
      writer.noData();
      return;
    }
    writer.begin('T').int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      PgColumn c = columns.get(i);
      writer.cstring(c.name()).int32(0).int16(0).int32(c.type().oid).int16(c.type().length)
          .int32(c.typmod()).int16(PgPortal.binary(formats, i, c.type()) ? 1 : 0);
    }
    writer.end();
  }

  // ---- session commands ------------------------------------------------------------------

  /**
   * A command the connection answers itself: settings ({@link PgSettingCommands}), the transaction
   * block's commands ({@link PgTransactionBlock}), and forgetting prepared statements (DISCARD,
   * DEALLOCATE: {@link PgExtendedState}).
   */
  private PgResult sessionCommand(PgSettings.Command c) throws IOException {
    if (PgTransactionBlock.handles(c.kind())) {
      return block.run(c);
    }
    if (PgSettingCommands.handles(c.kind())) {
      return settingCommands.run(c);
    }
    switch (c.kind()) {
      case DISCARD -> discard(c.name());
      case DEALLOCATE -> extended.deallocate(c.name());
      default -> { }
    }
    return PgResult.command(c.tag());
  }

  /** DISCARD ALL: settings, portals and prepared statements; DISCARD PLANS: prepared statements. */
  private void discard(String what) {
    if (what.equals("all")) {
      if (!block.isIdle()) {
        throw new FloeException(ErrorCode.ACTIVE_SQL_TRANSACTION,
            "DISCARD ALL cannot run inside a transaction block");
      }
      settingCommands.resetAll();
      extended.closePortals();
    }
    if (what.equals("all") || what.equals("plans")) {
      extended.forgetNamedStatements();
    }
  }

  OutputStream output() {
    return client.output();
  }
}
