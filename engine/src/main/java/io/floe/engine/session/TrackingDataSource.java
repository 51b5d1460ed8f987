package io.floe.engine.session;

import io.floe.engine.sql.DuckDbBackend;
import io.floe.engine.storage.DuckDbStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * The data source one Enumerable execution reads DuckDB through: every statement its generated code
 * creates is registered with the {@link Execution}, so cancel and timeout reach DuckDB.
 *
 * <p>Calcite's generated code reads a {@code timestamp with time zone} column with
 * {@code getLong}, as milliseconds since 1970; DuckDB's driver answers microseconds there, which
 * Calcite would read as an instant a thousand times as far from 1970 (year 56466 for 2024). The
 * result sets read through this source answer milliseconds for such a column.
 */
final class TrackingDataSource {
  private TrackingDataSource() {}

  static DataSource create(DuckDbStorage storage, Execution execution) {
    return new DuckDbBackend.ConnectionSource(() -> track(storage.connect(), execution));
  }

  private static Connection track(Connection connection, Execution execution) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object result;
      try {
        result = method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement statement) {
        execution.register(statement);
        return proxy(statement, TrackingDataSource::readingMillis);
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(TrackingDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  /** A statement whose result sets answer milliseconds for instants. */
  private static Object readingMillis(Object result) {
    return result instanceof ResultSet resultSet ? millisForInstants(resultSet) : result;
  }

  private static ResultSet millisForInstants(ResultSet resultSet) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("getLong") && args.length == 1 && args[0] instanceof Integer column
          && resultSet.getMetaData().getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE) {
        Object value = resultSet.getObject(column);
        return value instanceof OffsetDateTime instant ? instant.toInstant().toEpochMilli() : 0L;
      }
      try {
        return method.invoke(resultSet, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (ResultSet) Proxy.newProxyInstance(TrackingDataSource.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, handler);
  }

  /** {@code target} behind a proxy of all its interfaces whose calls' results {@code wrap} maps. */
  private static Object proxy(Object target, java.util.function.UnaryOperator<Object> wrap) {
    InvocationHandler handler = (proxy, method, args) -> {
      try {
        return wrap.apply(method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return Proxy.newProxyInstance(TrackingDataSource.class.getClassLoader(),
        interfaces(target.getClass()), handler);
  }

  private static Class<?>[] interfaces(Class<?> type) {
    java.util.Set<Class<?>> all = new java.util.LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      all.addAll(java.util.Arrays.asList(c.getInterfaces()));
    }
    return all.toArray(Class<?>[]::new);
  }
}
