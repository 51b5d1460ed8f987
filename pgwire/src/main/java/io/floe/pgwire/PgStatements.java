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
    LexedStatement engineStatement = placeholders(statement, order, declaredOids, false);
    Prepared plan;
    try {
      plan = session.prepare(engineStatement);
    } catch (FloeException e) {
      if (order.isEmpty() || e.code() != ErrorCode.INDETERMINATE_DATATYPE) {
        throw e;
      }
      order.clear();
      engineStatement = placeholders(statement, order, declaredOids, true);
      plan = session.prepare(engineStatement);
    }
    java.util.Set<Integer> wider = widerDeclared(plan, order, declaredOids);
    if (!wider.isEmpty()) {
      // PostgreSQL types a parameter as the client declares it: a float8 divides as float8.
      List<Integer> typedOrder = new ArrayList<>();
      LexedStatement typed = placeholders(statement, typedOrder, declaredOids, wider::contains);
      try {
        plan = session.prepare(typed);
        engineStatement = typed;
        order = typedOrder;
      } catch (FloeException e) {
        // Where a cast cannot stand (a LIMIT), the value converts to the planned type as before.
      }
    }
    String sql = statement.text();
    String engineSql = engineStatement.text();
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
   * marker's parameter index. With {@code cast}, each marker whose type the client declared (or
   * any, as text) is wrapped in a CAST so the engine knows its type.
   */
  static String placeholders(String sql, List<Integer> order, List<Integer> declaredOids,
      boolean cast) {
    return placeholders(LexedStatement.of(sql), order, declaredOids, cast).text();
  }

  /** {@link #placeholders(String, List, List, boolean)} of a lexed statement, without lexing again. */
  static LexedStatement placeholders(LexedStatement statement, List<Integer> order,
      List<Integer> declaredOids, boolean cast) {
    return placeholders(statement, order, declaredOids, n -> cast);
  }

  /** The statement with the markers of the parameters {@code cast} accepts (by number from 0) cast. */
  private static LexedStatement placeholders(LexedStatement statement, List<Integer> order,
      List<Integer> declaredOids, java.util.function.IntPredicate cast) {
    return statement.replace(t -> {
      if (t.type() != SqlLexer.Type.PARAM) {
        return null;
      }
      int n = Integer.parseInt(t.text().substring(1)) - 1;
      order.add(n);
      if (!cast.test(n)) {
        return QUESTION_MARK;
      }
      int oid = n < declaredOids.size() ? declaredOids.get(n) : 0;
      ColumnType type = PgType.columnType(oid);
      // A few tokens, lexed on their own: the statement is not lexed again.
      return SqlLexer.tokenize("CAST(? AS " + (type == null ? "VARCHAR" : sqlType(type)) + ")");
    }).trimmed();
  }

  /**
   * The parameters (by number from 0) of a query whose declared type holds values its planned type
   * cannot: a fractional number where the query made it an integer, a {@code float8} where it
   * made it a {@code real}. Only queries: a value written to a column converts to it.
   */
  private static java.util.Set<Integer> widerDeclared(Prepared plan, List<Integer> order,
      List<Integer> declaredOids) {
    java.util.Set<Integer> wider = new java.util.TreeSet<>();
    if (!plan.returnsRows() || plan.isWrite()) {
      return wider;
    }
    for (int at = 0; at < order.size() && at < plan.parameterTypes().size(); at++) {
      int n = order.get(at);
      ColumnType declared = n < declaredOids.size() ? PgType.columnType(declaredOids.get(n)) : null;
      if (declared != null && rank(declared) > rank(plan.parameterTypes().get(at))
          && rank(plan.parameterTypes().get(at)) > 0) {
        wider.add(n);
      }
    }
    return wider;
  }

  /** How much of a number a type holds: 0 for types that are not numbers. */
  private static int rank(ColumnType type) {
    return switch (type.name()) {
      case SMALLINT, INTEGER, BIGINT -> 1;
      case REAL -> 2;
      case DECIMAL, DOUBLE -> 3;
      default -> 0;
    };
  }

  private static final List<SqlLexer.Token> QUESTION_MARK = SqlLexer.tokenize("?");

  private static String sqlType(ColumnType type) {
    return switch (type.name()) {
      case TIMESTAMPTZ -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case BLOB -> "VARBINARY";
      case UUID, JSON -> "VARCHAR";
      default -> type.toString();
    };
  }

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
