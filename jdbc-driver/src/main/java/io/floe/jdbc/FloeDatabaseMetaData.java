package io.floe.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Database metadata, answered by the server from what the token may read. Avatica's protocol has no
 * request for primary keys, so they come from the server's {@code information_schema}.
 */
class FloeDatabaseMetaData extends AvaticaDatabaseMetaData {
  private static final String PRIMARY_KEYS = "select table_catalog as \"TABLE_CAT\", "
      + "table_schema as \"TABLE_SCHEM\", table_name as \"TABLE_NAME\", "
      + "column_name as \"COLUMN_NAME\", cast(ordinal_position as smallint) as \"KEY_SEQ\", "
      + "constraint_name as \"PK_NAME\" from information_schema.key_column_usage "
      + "where (cast(? as varchar) is null or table_catalog = ?) "
      + "and (cast(? as varchar) is null or table_schema = ?) and table_name = ? "
      + "order by column_name";

  private final AvaticaConnection connection;

  FloeDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    PreparedStatement ps = connection.prepareStatement(PRIMARY_KEYS);
    ps.setString(1, catalog);
    ps.setString(2, catalog);
    ps.setString(3, schema);
    ps.setString(4, schema);
    ps.setString(5, table);
    ps.closeOnCompletion();
    return ps.executeQuery();
  }
}
