package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.Session;
import io.floe.engine.api.sql.SqlLexer;
import io.floe.engine.api.sql.StatementDepth;
import io.floe.engine.api.sql.TrackedWork;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes a client statement: session commands to {@link PgSettings}, catalog queries to the
 * {@link PgCatalogMirror}, everything else to the engine session, which plans it against the
 * workspace principal's root. Nothing here decides access: the engine does, and the mirror holds
 * only what the engine's listing lets the principal see.
 */
final class PgStatements {
  private final Session session;
  private final PgCatalogMirrors mirrors;
  private final PgSettings settings;
  private final String database;
  private final String user;
  /** The connection's process id, as BackendKeyData gave it: pg_backend_pid(). */
  private final int pid;

  PgStatements(Session session, PgCatalogMirrors mirrors, PgSettings settings, String database,
      String user, int pid) {
    this.session = session;
    this.mirrors = mirrors;
    this.settings = settings;
    this.database = database;
    this.user = user;
    this.pid = pid;
  }

  /** Parses, classifies and describes a statement. */
  PgStatement prepare(LexedStatement statement, List<Integer> declaredOids) {
    String sql = statement.text();
    StatementDepth.check(statement);
    List<SqlLexer.Token> tokens = statement.significant();
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    if (tokens.isEmpty()) {
      return new PgStatement(sql, PgStatement.Route.EMPTY, "", List.of(), List.of(), null, null, null);
    }
    for (SqlLexer.Token t : tokens) {
      if (t.isSymbol(";")) {
        throw new FloeException(ErrorCode.SYNTAX_ERROR,
            "cannot insert multiple commands into a prepared statement");
      }
    }
    PgSettings.Command command = PgSettings.parse(statement);
    if (command != null) {
      List<PgColumn> columns = command.kind() == PgSettings.Kind.SHOW
          ? (command.name() == null ? List.of(PgColumn.text("name"), PgColumn.text("setting"),
              PgColumn.text("description")) : List.of(PgColumn.text(showLabel(command.name()))))
          : null;
      return new PgStatement(sql, PgStatement.Route.SESSION, sql, List.of(), List.of(), columns,
          command, null);
    }
    PgCatalogRouting.Target target = PgCatalogRouting.route(tokens);
    if (target == PgCatalogRouting.Target.CATALOG_WRITE) {
      throw new FloeException(ErrorCode.ACCESS_DENIED,
          "permission denied: the PostgreSQL catalog is read-only");
    }
    if (target == PgCatalogRouting.Target.CATALOG) {
      String rewritten = PgCatalogRewriter.rewrite(statement, settings::get, user, pid);
      PgCatalogMirror.Shape shape;
      try (PgCatalogMirrors.Lease lease = mirror()) {
        shape = lease.mirror().describe(rewritten);
      }
      List<Integer> oids = new ArrayList<>();
      for (int i = 0; i < shape.parameters(); i++) {
        int declared = i < declaredOids.size() ? declaredOids.get(i) : 0;
        oids.add(declared == 0 ? PgType.TEXT.oid : declared);
      }
      return new PgStatement(sql, PgStatement.Route.CATALOG, rewritten, List.of(), oids,
          PgColumnNames.of(tokens, shape.columns()), null, null);
    }
    return prepareEngine(statement, declaredOids);
  }

  /** Calcite names unnamed expressions {@code EXPR$n}; PostgreSQL calls them {@code ?column?}. */
  static String label(String label) {
    return label.matches("EXPR\\$\\d+") ? "?column?" : label;
  }

  static String showLabel(String name) {
    return name.equals("transaction_isolation") ? "transaction_isolation" : name;
  }

  private PgStatement prepareEngine(LexedStatement statement, List<Integer> declaredOids) {
    List<Integer> order = new ArrayList<>();
    LexedStatement engineStatement = placeholders(statement, order);
    // The declared types in marker order; the engine types the parameters with them.
    List<ColumnType> declaredTypes = new ArrayList<>(order.size());
    for (int n : order) {
      declaredTypes.add(n < declaredOids.size() ? PgType.columnType(declaredOids.get(n)) : null);
    }
    Prepared plan = session.prepare(engineStatement, declaredTypes);
    String sql = statement.text();
    String engineSql = plan.sql();
    int count = order.stream().mapToInt(i -> i + 1).max().orElse(0);
    count = Math.max(count, declaredOids.size());
    List<Integer> oids = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int declared = n < declaredOids.size() ? declaredOids.get(n) : 0;
      int inferred = PgType.TEXT.oid;
      int at = order.indexOf(n);
      if (at >= 0 && at < plan.parameterTypes().size()) {
        inferred = PgType.of(plan.parameterTypes().get(at)).oid;
      }
      oids.add(declared != 0 && declared != PgType.UNKNOWN.oid ? declared : inferred);
    }
    List<PgColumn> columns = null;
    if (plan.returnsRows()) {
      columns = new ArrayList<>();
      for (ResultColumn c : plan.columns()) {
        columns.add(new PgColumn(label(c.label()), PgType.of(c.type()), PgType.typmod(c.type())));
      }
    }
    return new PgStatement(sql, PgStatement.Route.ENGINE, engineSql, order, oids, columns, null,
        plan);
  }

  /**
   * The statement with {@code $n} turned into JDBC's {@code ?}; {@code order} receives each
   * marker's parameter index (from 0), in marker order.
   */
  static LexedStatement placeholders(LexedStatement statement, List<Integer> order) {
    return statement.replace(t -> {
      if (t.type() != SqlLexer.Type.PARAM) {
        return null;
      }
      order.add(Integer.parseInt(t.text().substring(1)) - 1);
      return QUESTION_MARK;
    }).trimmed();
  }

  private static final List<SqlLexer.Token> QUESTION_MARK = SqlLexer.tokenize("?");

  /**
   * Runs a prepared statement with the client's parameters ({@code $1..$n}). A statement just
   * prepared ({@code fresh}: the simple query protocol) runs its plan; one prepared earlier is
   * planned again from its text (from the plan cache), so catalog and access changes since apply.
   */
  PgResult execute(PgStatement statement, List<Object> parameters, boolean fresh) {
    return switch (statement.route()) {
      case EMPTY -> PgResult.command("");
      case SESSION -> throw new IllegalStateException("session commands run in the connection");
      case CATALOG -> executeCatalog(statement, parameters);
      case ENGINE -> executeEngine(statement, parameters, fresh);
    };
  }

  private PgResult executeEngine(PgStatement statement, List<Object> parameters, boolean fresh) {
    List<Object> values = new ArrayList<>();
    for (int index : statement.parameterOrder()) {
      if (index >= parameters.size()) {
        throw FloeException.of(ErrorCode.INVALID_PARAMETER,
            "bind message supplies %d parameters, but the statement requires %d",
            parameters.size(), index + 1);
      }
      values.add(parameters.get(index));
    }
    QueryResult result = fresh && statement.plan() != null
        ? session.execute(statement.plan(), values) : session.execute(statement.target(), values);
    if (result.hasRows()) {
      return new EngineRows(result.cursor(), statement.columns());
    }
    long n = result.updateCount();
    String tag = switch (result.command()) {
      case "INSERT" -> "INSERT 0 " + n;
      case "UPDATE", "DELETE", "SELECT" -> result.command() + " " + n;
      default -> result.command();
    };
    return PgResult.command(tag);
  }

  private PgResult executeCatalog(PgStatement statement, List<Object> parameters) {
    TrackedWork work = session.startTracked(statement.sql(), List.of("pg_catalog"));
    PgCatalogMirrors.Lease lease = null;
    try {
      lease = mirror();
      PgResult rows = lease.mirror().execute(statement.target(), parameters, work::register);
      PgCatalogMirrors.Lease held = lease;
      List<PgColumn> columns = PgColumnNames.of(SqlLexer.significant(statement.sql()), rows.columns());
      return new PgResult() {
        private long count;

        @Override public java.util.List<PgColumn> columns() {
          return columns;
        }

        @Override public boolean next() {
          try {
            boolean more = rows.next();
            if (more) {
              count++;
            }
            return more;
          } catch (FloeException e) {
            FloeException error = work.isStopped() ? work.stoppedError(e) : e;
            work.finish(count, error);
            throw error;
          }
        }

        @Override public Object get(int index) {
          return rows.get(index);
        }

        @Override public String tag(long n) {
          return rows.tag(n);
        }

        @Override public void close() {
          rows.close();
          held.close();
          work.finish(count, null);
        }
      };
    } catch (FloeException e) {
      if (lease != null) {
        lease.close();
      }
      FloeException error = work.isStopped() ? work.stoppedError(e) : e;
      work.finish(0, error);
      throw error;
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.close();
      }
      work.finish(0, FloeException.internal("catalog query failed", e));
      throw e;
    }
  }

  /** The principal's catalog mirror; the caller closes the lease when done with it. */
  private PgCatalogMirrors.Lease mirror() {
    return mirrors.acquire(session.listing(), database, user);
  }

  /** Engine rows as the protocol reads them. */
  private static final class EngineRows implements PgResult {
    private final RowCursor cursor;
    private final List<PgColumn> columns;

    EngineRows(RowCursor cursor, List<PgColumn> described) {
      this.cursor = cursor;
      List<PgColumn> c = new ArrayList<>();
      for (ResultColumn r : cursor.columns()) {
        c.add(new PgColumn(label(r.label()), PgType.of(r.type()), PgType.typmod(r.type())));
      }
      this.columns = described != null && described.size() == c.size() ? described : c;
    }

    @Override public List<PgColumn> columns() {
      return columns;
    }

    @Override public boolean next() {
      return cursor.next();
    }

    @Override public Object get(int index) {
      return cursor.get(index);
    }

    @Override public String tag(long rows) {
      return "SELECT " + rows;
    }

    @Override public void close() {
      cursor.close();
    }
  }
}
