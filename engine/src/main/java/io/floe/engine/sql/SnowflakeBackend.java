package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TableDef;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.CatalogTypedJdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.util.SqlString;

/**
 * The Snowflake side of the planner. Each Snowflake connection of a project is one
 * {@link JdbcConvention} with Snowflake's SQL dialect, so that filters, projections, aggregates,
 * sorts, limits, window functions and joins over tables of one connection become one Snowflake
 * statement ({@link SnowflakePushdown} decides which expressions Snowflake computes as Floe does).
 *
 * <p>Nothing above a Snowflake statement runs in Calcite: the statement's rows become a table of the
 * DuckDB statement ({@link RemoteRows}), so a join with DuckDB tables, and everything above it,
 * runs in DuckDB. The rows are streamed into a temporary DuckDB table when the statement runs
 * ({@link RemoteInput}); the DuckDB statement reads that table.
 */
public final class SnowflakeBackend {
  /** The most join keys a dynamic filter sends to Snowflake ({@link DynamicFilters}). */
  public static final int MAX_DYNAMIC_FILTER_KEYS = DynamicFilters.MAX_KEYS;

  /** What a round trip to Snowflake costs the planner, in rows: fewer statements are better. */
  private static final double ROUND_TRIP_ROWS = 1e6;

  private final JdbcConvention duckDb;
  private final Map<String, SnowflakeConvention> conventions = new ConcurrentHashMap<>();
  private final DataSource none = new DuckDbBackend.ConnectionSource(() -> {
    throw new java.sql.SQLException("a Snowflake table is read through its DuckDB bridge");
  });

  public SnowflakeBackend(JdbcConvention duckDb) {
    this.duckDb = requireNonNull(duckDb, "duckDb");
  }

  /**
   * The Calcite table for a table of a registered bucket: its scans are in its connection's
   * convention, named in Snowflake as {@code database.schema.name}, exactly.
   */
  public CatalogTypedJdbcTable table(Bucket.RemoteSchema remote, TableDef def) {
    SnowflakeConvention convention = conventions.computeIfAbsent(
        def.projectId() + "/" + remote.connection(),
        k -> new SnowflakeConvention(def.projectId(), remote.connection(), duckDb));
    JdbcSchema holder = new JdbcSchema(none, convention.dialect, convention, remote.database(),
        remote.schema());
    return new CatalogTypedJdbcTable(holder, def.remoteName(), f -> TypeMapping.rowType(f, def));
  }

  /**
   * Calcite's Snowflake dialect, with string literals escaped as Snowflake reads them: a backslash
   * in {@code '...'} starts an escape sequence in Snowflake, so it is doubled (Calcite's dialect
   * only doubles quotes, which would let {@code 'a\'} swallow the quote that ends it).
   */
  static final SqlDialect SNOWFLAKE_SQL = new SnowflakeSqlDialect(SnowflakeSqlDialect.DEFAULT_CONTEXT) {
    @Override public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
      buf.append('\'').append(val.replace("\\", "\\\\").replace("'", "''")).append('\'');
    }
  };

  /** A Snowflake connection's convention: Calcite's JDBC rules, bridged to DuckDB. */
  static final class SnowflakeConvention extends JdbcConvention {
    final String projectId;
    final String connection;
    private final JdbcConvention duckDb;

    SnowflakeConvention(String projectId, String connection, JdbcConvention duckDb) {
      super(SNOWFLAKE_SQL, Expressions.constant(projectId + "/" + connection),
          "SNOWFLAKE_" + ruleSafe(projectId + "_" + connection));
      this.projectId = projectId;
      this.connection = connection;
      this.duckDb = duckDb;
    }

    @Override public void register(RelOptPlanner planner) {
      super.register(planner);
      for (RelOptRule rule : List.copyOf(planner.getRules())) {
        if (rule instanceof ConverterRule c && c.getInTrait() == this
            && c.getOutTrait() == EnumerableConvention.INSTANCE) {
          // Snowflake's rows reach the result only through DuckDB.
          planner.removeRule(rule);
        } else if (rule instanceof ConverterRule c && c.getOutTrait() == this
            && !(rule instanceof Pushable)) {
          planner.removeRule(rule);
          planner.addRule(new Pushable(c));
        }
      }
      planner.addRule(RemoteRowsRule.create(this, duckDb));
      planner.addRule(RemotePartialAggregates.INSTANCE);
    }
  }

  /**
   * One of Calcite's JDBC rules for a Snowflake convention, taking only what Snowflake computes as
   * Floe does ({@link SnowflakePushdown#accepts}); the rest stays in DuckDB.
   */
  static final class Pushable extends ConverterRule {
    private final ConverterRule inner;

    Pushable(ConverterRule inner) {
      super((Config) inner.config.withDescription("Snowflake_" + ruleSafe(inner.toString())));
      this.inner = inner;
    }

    @Override public RelNode convert(RelNode rel) {
      return SnowflakePushdown.accepts(rel) ? inner.convert(rel) : null;
    }
  }

  /** Bridges a Snowflake convention to DuckDB's. */
  static final class RemoteRowsRule extends ConverterRule {
    static RemoteRowsRule create(SnowflakeConvention in, JdbcConvention out) {
      return Config.INSTANCE
          .withConversion(RelNode.class, in, out, "FloeRemoteRowsRule_" + ruleSafe(in.getName()))
          .withRuleFactory(RemoteRowsRule::new)
          .toRule(RemoteRowsRule.class);
    }

    RemoteRowsRule(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      RelTraitSet traits = rel.getCluster().traitSetOf(getOutTrait());
      return new RemoteRows(rel.getCluster(), traits, rel);
    }
  }

  /**
   * A Snowflake statement's rows as a relation of the DuckDB statement. While planning, its input
   * is the Snowflake plan; {@link #bind} then replaces it by a {@link RemoteTable}, the temporary
   * table its rows are streamed into. It promises no order: a sort Snowflake did is done again in
   * DuckDB when the result needs it.
   */
  static final class RemoteRows extends SingleRel implements JdbcRel {
    RemoteRows(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
      super(cluster, traits, input);
    }

    @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new RemoteRows(getCluster(), traitSet, sole(inputs));
    }

    @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      // Volcano compares row counts alone: the width is in there too, so that fewer columns
      // (a projection in Snowflake) cost less to fetch.
      double rows = mq.getRowCount(getInput());
      double width = 1 + getRowType().getFieldCount();
      return planner.getCostFactory().makeCost(ROUND_TRIP_ROWS + rows * width, rows, rows * width);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      throw new IllegalStateException("a Snowflake statement is written as SQL only once bound");
    }

    SnowflakeConvention source() {
      return (SnowflakeConvention) getInput().getConvention();
    }
  }

  /** The temporary DuckDB table a Snowflake statement's rows are streamed into. */
  static final class RemoteTable extends AbstractRelNode implements JdbcRel {
    final RemoteInput input;

    RemoteTable(RelOptCluster cluster, RelTraitSet traits, RemoteInput input, RelDataType rowType) {
      super(cluster, traits);
      this.input = input;
      this.rowType = rowType;
    }

    @Override protected RelDataType deriveRowType() {
      return rowType;
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this); // FloeSqlImplementor names the temporary table
    }

    @Override public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("table", input.tableName())
          .item("snowflake", input.connection()).item("sql", input.sql());
    }
  }

  /**
   * A Snowflake statement of a federated plan: what runs in Snowflake, and the temporary DuckDB
   * table its rows go to.
   *
   * @param projectId the project whose connection runs it
   * @param connection the connection's name
   * @param sql the Snowflake SQL
   * @param parameterOrder for each {@code ?} in {@code sql}, the index of the statement's parameter
   * @param tableName the temporary table in DuckDB
   * @param columnNames the table's columns
   * @param columnTypes their types
   */
  public record RemoteInput(String projectId, String connection, String sql,
      List<Integer> parameterOrder, String tableName, List<String> columnNames,
      List<ColumnType> columnTypes, KeyFilter keyFilter) {
    public RemoteInput {
      parameterOrder = List.copyOf(parameterOrder);
      columnNames = List.copyOf(columnNames);
      columnTypes = List.copyOf(columnTypes);
    }

    /**
     * A dynamic filter ({@link DynamicFilters}): the statement's rows are wanted only where
     * {@code column} is among the values {@code keysSql} computes in DuckDB.
     *
     * @param column the statement's column that the join matches
     * @param keysSql a DuckDB query of the other side's distinct join keys
     * @param parameterOrder for each {@code ?} in {@code keysSql}, the statement parameter's index
     */
    public record KeyFilter(String column, String keysSql, List<Integer> parameterOrder) {
      public KeyFilter {
        parameterOrder = List.copyOf(parameterOrder);
      }
    }

    RemoteInput withKeyFilter(KeyFilter filter) {
      return new RemoteInput(projectId, connection, sql, parameterOrder, tableName, columnNames,
          columnTypes, filter);
    }

    /**
     * The SQL Snowflake runs. With a dynamic filter over {@code keys} keys (not null), a {@code ?}
     * for each follows the statement's own parameters, and no key asks for no row. A TIME column
     * comes as text to the nanosecond ({@code TO_VARCHAR}): the driver's {@code java.sql.Time}
     * keeps milliseconds.
     */
    public String fetchSql(Integer keys) {
      boolean times = columnTypes.stream().anyMatch(
          t -> t.name() == io.floe.engine.api.catalog.TypeName.TIME);
      if (keys == null && !times) {
        return sql;
      }
      List<String> select = new ArrayList<>();
      for (int i = 0; i < columnNames.size(); i++) {
        String column = snowflakeIdentifier(columnNames.get(i));
        select.add(columnTypes.get(i).name() == io.floe.engine.api.catalog.TypeName.TIME
            ? "TO_VARCHAR(" + column + ", 'HH24:MI:SS.FF9') AS " + column : column);
      }
      String where = keys == null ? ""
          : " WHERE " + (keys == 0 ? "1 = 0" : snowflakeIdentifier(keyFilter.column()) + " IN ("
              + String.join(", ", java.util.Collections.nCopies(keys, "?")) + ")");
      return "SELECT " + String.join(", ", select) + " FROM (" + sql + ") AS \"floe_remote\"" + where;
    }

    private static String snowflakeIdentifier(String name) {
      return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code CREATE TEMP TABLE} of the table the rows go to. */
    public String createSql() {
      List<String> defs = new ArrayList<>();
      for (int i = 0; i < columnNames.size(); i++) {
        defs.add(io.floe.engine.storage.DuckDbSql.ident(columnNames.get(i)) + " "
            + columnTypes.get(i).toDuckDb());
      }
      return "CREATE OR REPLACE TEMP TABLE " + io.floe.engine.storage.DuckDbSql.ident(tableName)
          + " (" + String.join(", ", defs) + ")";
    }
  }

  /** A plan with its Snowflake statements replaced by the tables their rows are streamed into. */
  record Bound(RelNode plan, List<RemoteInput> inputs) {}

  /**
   * Replaces each {@link RemoteRows} of an optimized plan by its {@link RemoteTable}, writing its
   * Snowflake SQL. One Snowflake plan read twice (a self-join) is fetched once.
   */
  static Bound bind(RelNode plan, JavaTypeFactory typeFactory) {
    Map<RelNode, RemoteTable> seen = new IdentityHashMap<>();
    List<RemoteInput> inputs = new ArrayList<>();
    RelNode bound = replace(plan, seen, inputs, typeFactory);
    if (!inputs.isEmpty()) {
      Map<String, RemoteInput.KeyFilter> filters = DynamicFilters.find(bound, typeFactory);
      inputs.replaceAll(i -> filters.containsKey(i.tableName())
          ? i.withKeyFilter(filters.get(i.tableName())) : i);
    }
    return new Bound(bound, inputs);
  }

  private static RelNode replace(RelNode rel, Map<RelNode, RemoteTable> seen,
      List<RemoteInput> inputs, JavaTypeFactory typeFactory) {
    if (rel instanceof RemoteRows r) {
      RemoteTable known = seen.get(r);
      if (known != null) {
        return known;
      }
      SnowflakeConvention source = r.source();
      SqlDialect dialect = source.dialect;
      RelNode remote = r.getInput();
      List<String> safe = plainNames(remote.getRowType().getFieldNames());
      if (!safe.equals(remote.getRowType().getFieldNames())) {
        remote = org.apache.calcite.rel.core.RelFactories.LOGICAL_BUILDER
            .create(remote.getCluster(), null).push(remote).rename(safe).build();
      }
      SqlString sql = new JdbcImplementor(dialect, typeFactory).visitRoot(remote).asStatement()
          .toSqlString(c -> c.withDialect(dialect).withClauseStartsLine(false)
              .withClauseEndsLine(false));
      List<String> names = new ArrayList<>();
      List<ColumnType> types = new ArrayList<>();
      names.addAll(safe);
      for (RelDataTypeField f : r.getRowType().getFieldList()) {
        types.add(TypeMapping.resultType(f.getType()));
      }
      RemoteInput input = new RemoteInput(source.projectId, source.connection, sql.getSql(),
          sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters(),
          "floe_remote_" + inputs.size(), names, types, null);
      inputs.add(input);
      RelDataType rowType = r.getCluster().getTypeFactory().createStructType(
          r.getRowType().getFieldList().stream().map(RelDataTypeField::getType).toList(), safe);
      RemoteTable table = new RemoteTable(r.getCluster(), r.getTraitSet(), input, rowType);
      seen.put(r, table);
      return table;
    }
    List<RelNode> newInputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode in : rel.getInputs()) {
      RelNode n = replace(in, seen, inputs, typeFactory);
      newInputs.add(n);
      changed |= n != in;
    }
    return changed ? rel.copy(rel.getTraitSet(), newInputs) : rel;
  }

  /**
   * Column names Snowflake reads as plain names: Calcite names expressions {@code $f1} or
   * {@code EXPR$0}, which Snowflake's parsers may take for variables; those become {@code c<n>}.
   */
  private static List<String> plainNames(List<String> names) {
    List<String> plain = new ArrayList<>();
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      String name = n.matches("[A-Za-z_][A-Za-z0-9_]*") ? n : "c" + i;
      while (!taken.add(name.toUpperCase(java.util.Locale.ROOT))) {
        name = name + "_" + i;
      }
      plain.add(name);
    }
    return plain;
  }

  /**
   * When an optimized plan is one Snowflake statement, read as it is or sorted, the ORDER BY to
   * write around it (empty for none), so that its rows stream straight from Snowflake; else null.
   */
  static String directOrder(RelNode best, RemoteInput input) {
    RelNode top = best instanceof org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter c
        ? c.getInput() : best;
    if (top instanceof RemoteRows) {
      return "";
    }
    if (!(top instanceof org.apache.calcite.rel.core.Sort sort) || sort.fetch != null
        || sort.offset != null || !(sort.getInput() instanceof RemoteRows)) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (org.apache.calcite.rel.RelFieldCollation f : sort.getCollation().getFieldCollations()) {
      keys.add("\"" + input.columnNames().get(f.getFieldIndex()).replace("\"", "\"\"") + "\""
          + (f.getDirection().isDescending() ? " DESC" : " ASC")
          + (nullsFirst(f) ? " NULLS FIRST" : " NULLS LAST"));
    }
    return String.join(", ", keys);
  }

  /** Where a sort key puts nulls; unspecified, as PostgreSQL does: last ascending, first descending. */
  private static boolean nullsFirst(org.apache.calcite.rel.RelFieldCollation f) {
    return switch (f.nullDirection) {
      case FIRST -> true;
      case LAST -> false;
      default -> f.getDirection().isDescending();
    };
  }

  /** Whether a bound plan reads a Snowflake statement's rows. */
  static boolean readsRemote(RelNode rel) {
    if (rel instanceof RemoteTable) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(SnowflakeBackend::readsRemote);
  }

  /** Whether an optimized plan reads Snowflake. */
  static boolean readsSnowflake(RelNode rel) {
    if (rel instanceof RemoteRows) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(SnowflakeBackend::readsSnowflake);
  }

  /** A name as Calcite's rule descriptions allow it. */
  private static String ruleSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** For plan text: a convention is Snowflake's. */
  static boolean isSnowflake(Convention c) {
    return c instanceof SnowflakeConvention;
  }
}
