package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.storage.DuckDbStorage;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.jdbc.CatalogTypedJdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Wrapper;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The DuckDB side of the planner: one {@link JdbcConvention} shared by every DuckDB table, so that a
 * query touching only DuckDB tables (of any project) becomes one DuckDB statement.
 *
 * <p>The convention reaches its data source at run time through the {@link DataContext} variable
 * {@link #DATA_CONTEXT_KEY}, not through a schema path. Each execution supplies its own data source
 * there, which records the DuckDB statements it opens so that the execution can cancel them.
 */
public final class DuckDbBackend {
  /** DataContext variable holding a {@link SchemaPlus} that unwraps to the execution's DataSource. */
  public static final String DATA_CONTEXT_KEY = "floe.duckdb";

  private final DuckDbStorage storage;
  private final JdbcConvention convention;
  private final DataSource plainDataSource;
  private final Map<Long, CachedTable> tables = new ConcurrentHashMap<>();

  public DuckDbBackend(DuckDbStorage storage) {
    this.storage = requireNonNull(storage, "storage");
    Expression source = Expressions.convert_(
        Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET.method,
            Expressions.constant(DATA_CONTEXT_KEY)),
        SchemaPlus.class);
    this.convention = new FloeJdbcConvention(FloeDuckDbDialect.INSTANCE, source, "DUCKDB");
    this.plainDataSource = new ConnectionSource(storage::connect);
  }

  public JdbcConvention convention() {
    return convention;
  }

  public DuckDbStorage storage() {
    return storage;
  }

  /** The Calcite table for a catalog table; cached while its definition is unchanged. */
  public CatalogTypedJdbcTable table(TableDef def) {
    CachedTable cached = tables.get(def.id());
    if (cached != null && cached.def.equals(def)) {
      return cached.table;
    }
    JdbcSchema holder = new JdbcSchema(plainDataSource, FloeDuckDbDialect.INSTANCE, convention,
        def.duckDbCatalog(), "main");
    CatalogTypedJdbcTable table = new CatalogTypedJdbcTable(holder, def.name(),
        f -> TypeMapping.rowType(f, def));
    tables.put(def.id(), new CachedTable(def, table));
    return table;
  }

  /** The Calcite table for a copy of a catalog table attached as {@code duckDbCatalog}. */
  public CatalogTypedJdbcTable table(TableDef def, String duckDbCatalog) {
    JdbcSchema holder = new JdbcSchema(plainDataSource, FloeDuckDbDialect.INSTANCE, convention,
        duckDbCatalog, "main");
    return new CatalogTypedJdbcTable(holder, def.name(), f -> TypeMapping.rowType(f, def));
  }

  /** The Calcite table for a workspace table, in the workspace's DuckDB catalog. */
  public CatalogTypedJdbcTable workspaceTable(String duckDbCatalog,
      io.floe.engine.api.catalog.WorkspaceObject object) {
    JdbcSchema holder = new JdbcSchema(plainDataSource, FloeDuckDbDialect.INSTANCE, convention,
        duckDbCatalog, "main");
    return new CatalogTypedJdbcTable(holder, object.name(),
        f -> TypeMapping.rowType(f, object.columns()));
  }

  /** Forgets tables that no longer exist (called on catalog change). */
  public void retain(java.util.Set<Long> liveTableIds) {
    tables.keySet().retainAll(liveTableIds);
  }

  /** The value to put under {@link #DATA_CONTEXT_KEY} for one execution. */
  public static SchemaPlus dataContextValue(DataSource dataSource) {
    return CalciteSchema.createRootSchema(false, false, "duckdb", new SourceSchema(dataSource)).plus();
  }

  private record CachedTable(TableDef def, CatalogTypedJdbcTable table) {}

  /** A schema with no tables that unwraps to a data source. */
  private static final class SourceSchema extends AbstractSchema implements Wrapper {
    private final DataSource dataSource;

    SourceSchema(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override public <C> @Nullable C unwrap(Class<C> aClass) {
      return aClass.isInstance(dataSource) ? aClass.cast(dataSource) : null;
    }
  }

  /** A {@link DataSource} over a connection factory. */
  public static final class ConnectionSource implements DataSource {
    /** Opens connections. */
    @FunctionalInterface
    public interface Opener {
      Connection open() throws SQLException;
    }

    private final Opener opener;

    public ConnectionSource(Opener opener) {
      this.opener = requireNonNull(opener, "opener");
    }

    @Override public Connection getConnection() throws SQLException {
      return opener.open();
    }

    @Override public Connection getConnection(String username, String password) throws SQLException {
      return opener.open();
    }

    @Override public PrintWriter getLogWriter() {
      return null;
    }

    @Override public void setLogWriter(PrintWriter out) {}

    @Override public void setLoginTimeout(int seconds) {}

    @Override public int getLoginTimeout() {
      return 0;
    }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a " + iface);
    }

    @Override public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}
