package io.floe.engine.sql;

import io.floe.engine.api.sql.ResultColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.AliasNamespace;
import org.apache.calcite.sql.validate.FilterRequirement;
import org.apache.calcite.sql.validate.SelectNamespace;
import org.apache.calcite.sql.validate.SetopNamespace;
import org.apache.calcite.sql.validate.SqlModality;
import org.apache.calcite.sql.validate.SqlMonotonicity;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.sql.validate.WithNamespace;
import org.apache.calcite.util.Pair;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * FROM items whose columns repeat a name, as {@code SELECT * FROM (SELECT 42 AS a, 44 AS a) t}
 * or a WITH query with such columns: PostgreSQL and DuckDB expand {@code *} over them to every
 * column, where Calcite names each column {@code t.a} and finds that ambiguous. The validator
 * registers a derived table's (or WITH query's) namespace through {@link #namespace}, which gives
 * the second and later columns of a repeated name a hidden name; {@link #starColumn} makes the
 * star's expansion use those names. A column named in the query still means the repeated name,
 * which PostgreSQL finds ambiguous ({@link #isAmbiguous}).
 */
final class RepeatedColumnNames {
  /** Joins a repeated name and its occurrence in a hidden name (a word joiner: invisible). */
  private static final String MARK = "\u2060";

  private RepeatedColumnNames() {}

  /**
   * {@code ns}, or, for a derived table or a reference to a WITH query in {@code scope}'s FROM
   * clause, a namespace that hides its repeated column names.
   */
  static SqlValidatorNamespace namespace(SqlValidatorScope scope, SqlValidatorNamespace ns) {
    if (ns instanceof SelectNamespace || ns instanceof SetopNamespace || ns instanceof WithNamespace
        || ns instanceof AliasNamespace || namesWithQuery(scope, ns)) {
      return new Hidden(ns);
    }
    return ns;
  }

  private static boolean namesWithQuery(SqlValidatorScope scope, SqlValidatorNamespace ns) {
    if (!(ns.getNode() instanceof SqlIdentifier id) || !id.isSimple()) {
      return false;
    }
    SqlValidatorNamespace named;
    try {
      named = scope.getTableNamespace(id.names);
    } catch (RuntimeException e) {
      return false; // not a WITH query: the validator reports it as it would
    }
    return named != null && named.getNode() != null
        && named.getNode().getKind() == org.apache.calcite.sql.SqlKind.WITH_ITEM;
  }

  /**
   * The name the star's expansion gives the {@code occurrence}-th (from 0) column named
   * {@code name} of {@code ns}: the name itself, or the hidden name of a repeated one.
   */
  static String starColumn(@Nullable SqlValidatorNamespace ns, String name, int occurrence) {
    return ns instanceof Hidden hidden && occurrence > 0 && hidden.repeats(name)
        ? name + MARK + occurrence : name;
  }

  /** Whether {@code name}, resolved in {@code ns}, is a name its columns repeat. */
  static boolean isAmbiguous(@Nullable SqlValidatorNamespace ns, String name) {
    return ns instanceof Hidden hidden && hidden.repeats(name);
  }

  /** A column name with any hidden mark taken off. */
  static String label(String name) {
    int mark = name.indexOf(MARK);
    return mark < 0 ? name : name.substring(0, mark);
  }

  /** Result columns labelled with the names their hidden names hide. */
  static List<ResultColumn> labels(List<ResultColumn> columns) {
    if (columns.stream().noneMatch(c -> c.label().contains(MARK))) {
      return columns;
    }
    return columns.stream().map(c -> c.withLabel(label(c.label()))).toList();
  }

  /** A namespace as another, with the second and later columns of a repeated name renamed. */
  private static final class Hidden implements SqlValidatorNamespace {
    private final SqlValidatorNamespace inner;
    private @Nullable RelDataType rowType;
    private Set<String> repeated = Set.of();

    Hidden(SqlValidatorNamespace inner) {
      this.inner = inner;
    }

    boolean repeats(String name) {
      getRowType();
      return repeated.contains(name);
    }

    @Override public RelDataType getRowType() {
      RelDataType source = inner.getRowType();
      if (rowType == null) {
        rowType = hide(source);
      }
      return rowType;
    }

    private RelDataType hide(RelDataType source) {
      Map<String, Integer> seen = new HashMap<>();
      for (RelDataTypeField field : source.getFieldList()) {
        seen.merge(field.getName(), 1, Integer::sum);
      }
      if (seen.values().stream().allMatch(n -> n == 1)) {
        return source;
      }
      repeated = Set.copyOf(seen.entrySet().stream().filter(e -> e.getValue() > 1)
          .map(Map.Entry::getKey).toList());
      Map<String, Integer> occurrences = new HashMap<>();
      RelDataTypeFactory.Builder renamed = inner.getValidator().getTypeFactory().builder()
          .kind(source.getStructKind());
      for (RelDataTypeField field : source.getFieldList()) {
        int occurrence = occurrences.merge(field.getName(), 1, Integer::sum) - 1;
        renamed.add(occurrence == 0 ? field.getName() : field.getName() + MARK + occurrence,
            field.getType());
      }
      return inner.getValidator().getTypeFactory()
          .createTypeWithNullability(renamed.build(), source.isNullable());
    }

    @Override public SqlValidator getValidator() {
      return inner.getValidator();
    }

    @Override public @Nullable SqlValidatorTable getTable() {
      return inner.getTable();
    }

    @Override public RelDataType getType() {
      return getRowType();
    }

    @Override public void setType(RelDataType type) {
      inner.setType(type);
      rowType = null;
    }

    @Override public RelDataType getRowTypeSansSystemColumns() {
      return getRowType();
    }

    @Override public void validate(RelDataType targetRowType) {
      inner.validate(targetRowType);
    }

    @Override public @Nullable SqlNode getNode() {
      return inner.getNode();
    }

    @Override public @Nullable SqlNode getEnclosingNode() {
      return inner.getEnclosingNode();
    }

    /** A column's namespace: for a hidden name, that of the name it hides (its type is the path's). */
    @Override public @Nullable SqlValidatorNamespace lookupChild(String name) {
      return inner.lookupChild(label(name));
    }

    @Override public @Nullable RelDataTypeField field(String name) {
      return inner.getValidator().getCatalogReader().nameMatcher().field(getRowType(), name);
    }

    @Override public List<Pair<SqlNode, SqlMonotonicity>> getMonotonicExprs() {
      return inner.getMonotonicExprs();
    }

    @Override public SqlMonotonicity getMonotonicity(String columnName) {
      return columnName.contains(MARK) ? SqlMonotonicity.NOT_MONOTONIC
          : inner.getMonotonicity(columnName);
    }

    @Override public void makeNullable() {
      inner.makeNullable();
    }

    @Override public <T> T unwrap(Class<T> clazz) {
      return clazz.isInstance(this) ? clazz.cast(this) : inner.unwrap(clazz);
    }

    @Override public boolean isWrapperFor(Class<?> clazz) {
      return clazz.isInstance(this) || inner.isWrapperFor(clazz);
    }

    @Override public SqlValidatorNamespace resolve() {
      SqlValidatorNamespace resolved = inner.resolve();
      return resolved == inner ? this : resolved;
    }

    @Override public boolean supportsModality(SqlModality modality) {
      return inner.supportsModality(modality);
    }

    @Override public FilterRequirement getFilterRequirement() {
      return inner.getFilterRequirement();
    }
  }
}
