package io.floe.engine.session;

import io.floe.engine.sql.DuckDbBackend;
import io.floe.engine.storage.DuckDbStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The data source one Enumerable execution reads DuckDB through: every statement its generated code
 * creates is registered with the {@link Execution}, so cancel and timeout reach DuckDB.
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
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(TrackingDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }
}
