package io.floe.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** DuckDB in-process, through its own JDBC driver: the reference Floe is measured against. */
final class Reference implements AutoCloseable {
  final Connection connection;

  private Reference(Connection connection) {
    this.connection = connection;
  }

  /** An in-memory DuckDB with the given tables loaded from their CSV files. */
  static Reference load(List<TpchData.Table> tables, Path csvDir, int threads) throws SQLException {
    Properties props = new Properties();
    props.setProperty("jdbc_stream_results", "true");
    Connection c = DriverManager.getConnection("jdbc:duckdb:", props);
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("SET TimeZone = 'UTC'");
      for (TpchData.Table t : tables) {
        s.execute(t.ddl(t.name()));
        s.execute("INSERT INTO " + t.name() + " SELECT * FROM read_csv('" + csvDir.resolve(t.name() + ".csv")
            + "', header = true, auto_detect = false, columns = " + columns(t) + ")");
      }
    }
    return new Reference(c);
  }

  static String columns(TpchData.Table t) {
    StringBuilder b = new StringBuilder("{");
    for (TpchData.Column col : t.columns()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append('\'').append(col.name()).append("': '").append(col.type()).append('\'');
    }
    return b.append('}').toString();
  }

  /** Another session on the same instance, for concurrent clients. */
  Connection session() throws SQLException {
    return ((org.duckdb.DuckDBConnection) connection).duplicate();
  }

  @Override public void close() throws SQLException {
    connection.close();
  }
}
