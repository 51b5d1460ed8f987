package io.floe.engine.session;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.sql.DuckDbBackend;
import io.floe.engine.sql.FloeTypeSystem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The {@link DataContext} one Enumerable execution runs with. */
final class ExecutionDataContext implements DataContext {
  private final SchemaPlus root;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);
  private final Map<String, Object> values = new HashMap<>();

  ExecutionDataContext(SchemaPlus root, Map<String, Object> internalParameters, DataSource duckDb,
      Execution execution, long timeoutMillis, List<Object> parameters, List<ColumnType> types) {
    this.root = root;
    values.putAll(internalParameters);
    values.put(DuckDbBackend.DATA_CONTEXT_KEY, DuckDbBackend.dataContextValue(duckDb));
    long now = System.currentTimeMillis();
    values.put(Variable.UTC_TIMESTAMP.camelName, now);
    values.put(Variable.CURRENT_TIMESTAMP.camelName, now);
    values.put(Variable.LOCAL_TIMESTAMP.camelName, now);
    values.put(Variable.TIME_ZONE.camelName, TimeZone.getTimeZone("UTC"));
    values.put(Variable.CANCEL_FLAG.camelName, execution.cancelFlag());
    values.put(Variable.TIMEOUT.camelName, timeoutMillis);
    for (int i = 0; i < parameters.size(); i++) {
      values.put("?" + i, toCalcite(parameters.get(i), i < types.size() ? types.get(i) : null));
    }
  }

  /** Calcite's runtime representation of a parameter value. */
  static Object toCalcite(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (v instanceof LocalTime t) {
      return (int) (t.toNanoOfDay() / 1_000_000L);
    }
    if (type != null && type.name() == io.floe.engine.api.catalog.TypeName.DECIMAL && v instanceof Number n
        && !(v instanceof BigDecimal)) {
      return new BigDecimal(n.toString());
    }
    return v;
  }

  @Override public SchemaPlus getRootSchema() {
    return root;
  }

  @Override public JavaTypeFactory getTypeFactory() {
    return typeFactory;
  }

  @Override public QueryProvider getQueryProvider() {
    return null;
  }

  @Override public @Nullable Object get(String name) {
    return values.get(name);
  }
}
