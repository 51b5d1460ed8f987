package io.floe.engine.api.sql;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ListedFunction;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one seam for SQL: a principal's session, opened by a front-end for one client connection.
 * It keeps its principal current by itself (a narrowed token, a revoked share or a dropped
 * workspace applies at its next statement), plans against what the principal may read, and runs,
 * times out, cancels and audits every statement. Closing it stops what it runs.
 */
public interface Session extends AutoCloseable {
  String id();

  /** The principal as of the last statement (re-read whenever the catalog changed). */
  Principal principal();

  /** The user name the client logged in with (a PostgreSQL role), or the principal's name. */
  String user();

  String frontEnd();

  boolean isClosed();

  /** The schema unqualified names resolve against, or an empty list for the principal's root. */
  List<String> defaultSchema();

  void setDefaultSchema(List<String> path);

  /**
   * Sets the schemas unqualified names are looked up in, in order, as PostgreSQL's
   * {@code search_path}; null restores the default schema.
   */
  void setSearchPath(List<String> schemas);

  List<List<String>> searchPaths();

  Duration statementTimeout();

  /**
   * Sets the statement timeout: zero or negative means the server's default, values above the
   * server's maximum are capped at it.
   */
  void setStatementTimeout(Duration timeout);

  /** Starts a transaction block (writes to a workspace's tables commit together). */
  void begin();

  boolean inTransaction();

  /** Writes done in the open transaction block. */
  long transactionWrites();

  void commit();

  void rollback();

  /** What the principal may see: schemas, tables, columns, keys and types. */
  CatalogListing listing();

  /** The functions this session's SQL knows, by lower-case name. */
  List<ListedFunction> functions();

  /** This session's reserved words that are not SQL-92's (tools quote identifiers that are). */
  List<String> keywords();

  /** Parses, validates and plans a statement (from the plan cache when possible). */
  default Prepared prepare(String sql) {
    return prepare(LexedStatement.of(sql));
  }

  /** Plans a statement a front-end has already lexed (from the plan cache when possible). */
  Prepared prepare(LexedStatement statement);

  /**
   * Plans a statement whose {@code ?} parameters the client declared types for, as PostgreSQL's
   * extended protocol lets it ({@code declared} in marker order; null where none was declared): a
   * parameter the statement leaves untyped takes its declared type (text if none), and a query
   * parameter declared as a wider number than the statement makes it takes the declared type.
   * The plan's text ({@link Prepared#sql()}) is the statement as planned, with those casts.
   */
  Prepared prepare(LexedStatement statement, List<io.floe.engine.api.catalog.ColumnType> declared);

  /** Stops statements being planned now; true if there were any. */
  boolean cancelPlanning(boolean timeout);

  /** Plans (from cache when possible) and runs a statement. */
  QueryResult execute(String sql, List<Object> parameters);

  /** Runs a statement this session prepared, with its parameters. */
  QueryResult execute(Prepared statement, List<Object> parameters);

  /**
   * Runs a statement this session prepared; {@code onStart} receives the running statement before
   * any work starts, so a front-end can map its own statement ids to it for cancel requests.
   */
  QueryResult execute(Prepared statement, List<Object> parameters, Consumer<RunningStatement> onStart);

  /** Starts work the front-end does itself, tracked, timed out and audited as a statement. */
  TrackedWork startTracked(String sql, List<String> objects);

  /** Runs a query and writes its rows to a file; returns the rows written. */
  long copyTo(String sql, List<Object> parameters, CopyTarget target);

  /** Stops everything this session plans or runs now. */
  void cancelRunning();

  /** Stops one statement of this session; false if it is not running. */
  boolean cancel(long executionId);

  @Override void close();
}
