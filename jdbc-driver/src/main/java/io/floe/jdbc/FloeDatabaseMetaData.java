package io.floe.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * Database metadata, answered by the server from what the token may read. Avatica's protocol has
 * requests for catalogs, schemas, tables, columns, table types and types only; for the rest
 * (primary keys, functions, and the results Floe has no rows for, which must still have JDBC's
 * columns) the driver asks Floe's {@code /avatica/metadata} ({@link FloeConnection#metadata}).
 *
 * <p>The flags describe what Floe does, where Avatica's defaults describe Calcite's own server:
 * unquoted identifiers fold to lower case and match names in any case, quoted ones are case
 * sensitive (see docs/architecture.md, "Identifiers"); JDBC escapes are translated by this driver,
 * so the escape function lists come from {@link EscapeFunctions}; there are no transactions,
 * procedures or DDL over JDBC.
 */
class FloeDatabaseMetaData extends AvaticaDatabaseMetaData {
  /** JDBC types Floe can CAST between (every pair of them: {@code {fn convert}} and CAST). */
  private static final Set<Integer> CONVERTIBLE = Set.of(Types.BIGINT, Types.BINARY,
      Types.VARBINARY, Types.LONGVARBINARY, Types.BIT, Types.BOOLEAN, Types.CHAR, Types.VARCHAR,
      Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.DATE, Types.TIME,
      Types.TIMESTAMP, Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL,
      Types.INTEGER, Types.SMALLINT, Types.TINYINT);

  private final AvaticaConnection connection;

  FloeDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
    this.connection = connection;
  }

  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    return floe().metadata("getPrimaryKeys", catalog, schema, table);
  }

  private FloeConnection floe() {
    return (FloeConnection) connection;
  }

  /**
   * The user as the server names it ({@code current_user}: {@code token:<id>} for a project token,
   * {@code admin} for the admin token); asked once per connection.
   */
  @Override public String getUserName() throws SQLException {
    String name = userName;
    if (name == null) {
      try (java.sql.Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("select current_user")) {
        name = rs.next() ? rs.getString(1) : null;
      }
      userName = name;
    }
    return name;
  }

  private volatile String userName;

  /** The URL the application connected with, without its token. */
  @Override public String getURL() throws SQLException {
    return ((FloeConnection) connection).displayUrl;
  }

  // Identifiers: unquoted ones fold to lower case (and then match any case); quoted ones are
  // case-sensitive and kept as written.

  @Override public boolean storesLowerCaseIdentifiers() {
    return true;
  }

  @Override public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override public boolean storesMixedCaseIdentifiers() {
    return false;
  }

  @Override public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override public boolean supportsMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override public boolean storesMixedCaseQuotedIdentifiers() {
    return false;
  }

  @Override public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override public String getIdentifierQuoteString() {
    return "\"";
  }

  /** The escape of {@code getTables}' and {@code getColumns}' name patterns. */
  @Override public String getSearchStringEscape() {
    return "\\";
  }

  @Override public String getExtraNameCharacters() {
    return "";
  }

  @Override public String getCatalogTerm() {
    return "project";
  }

  @Override public String getSchemaTerm() {
    return "bucket";
  }

  // JDBC escape functions: this driver translates them.

  @Override public String getNumericFunctions() {
    return EscapeFunctions.names(EscapeFunctions.Category.NUMERIC);
  }

  @Override public String getStringFunctions() {
    return EscapeFunctions.names(EscapeFunctions.Category.STRING);
  }

  @Override public String getTimeDateFunctions() {
    return EscapeFunctions.names(EscapeFunctions.Category.TIME_DATE);
  }

  @Override public String getSystemFunctions() {
    return EscapeFunctions.names(EscapeFunctions.Category.SYSTEM);
  }

  @Override public String getSQLKeywords() throws SQLException {
    return FloeErrors.call(super::getSQLKeywords);
  }

  @Override public boolean supportsConvert(int fromType, int toType) {
    return CONVERTIBLE.contains(fromType) && CONVERTIBLE.contains(toType);
  }

  @Override public boolean supportsBatchUpdates() {
    return true;
  }

  // No DDL, procedures, privileges or transactions through JDBC.

  @Override public boolean supportsSchemasInTableDefinitions() {
    return false;
  }

  @Override public boolean supportsSchemasInProcedureCalls() {
    return false;
  }

  @Override public boolean supportsSchemasInIndexDefinitions() {
    return false;
  }

  @Override public boolean supportsSchemasInPrivilegeDefinitions() {
    return false;
  }

  @Override public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  @Override public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  @Override public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override public boolean supportsDifferentTableCorrelationNames() {
    return false;
  }

  @Override public boolean supportsANSI92FullSQL() {
    return false;
  }

  @Override public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  // Results are read-only and forward-only: nothing is updated, deleted or inserted through them.

  @Override public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override public boolean insertsAreDetected(int type) {
    return false;
  }

  @Override public Connection getConnection() {
    return connection;
  }

  // Avatica's protocol has requests for these; failures are reported as Floe's.

  @Override public ResultSet getCatalogs() throws SQLException {
    return FloeErrors.call(super::getCatalogs);
  }

  @Override public ResultSet getSchemas() throws SQLException {
    return FloeErrors.call(() -> super.getSchemas());
  }

  @Override public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return FloeErrors.call(() -> super.getSchemas(catalog, schemaPattern));
  }

  @Override public ResultSet getTables(String catalog, String schemaPattern,
      String tableNamePattern, String[] types) throws SQLException {
    return FloeErrors.call(() -> super.getTables(catalog, schemaPattern, tableNamePattern, types));
  }

  @Override public ResultSet getTableTypes() throws SQLException {
    return FloeErrors.call(super::getTableTypes);
  }

  @Override public ResultSet getColumns(String catalog, String schemaPattern,
      String tableNamePattern, String columnNamePattern) throws SQLException {
    return FloeErrors.call(() -> super.getColumns(catalog, schemaPattern, tableNamePattern,
        columnNamePattern));
  }

  @Override public ResultSet getTypeInfo() throws SQLException {
    return FloeErrors.call(super::getTypeInfo);
  }

  @Override public ResultSet getFunctions(String catalog, String schemaPattern,
      String functionNamePattern) throws SQLException {
    return floe().metadata("getFunctions", catalog, schemaPattern, functionNamePattern);
  }

  @Override public ResultSet getFunctionColumns(String catalog, String schemaPattern,
      String functionNamePattern, String columnNamePattern) throws SQLException {
    return floe().metadata("getFunctionColumns", catalog, schemaPattern,
        functionNamePattern, columnNamePattern);
  }

  @Override public ResultSet getProcedures(String catalog, String schemaPattern,
      String procedureNamePattern) throws SQLException {
    return floe().metadata("getProcedures", catalog, schemaPattern, procedureNamePattern);
  }

  @Override public ResultSet getProcedureColumns(String catalog, String schemaPattern,
      String procedureNamePattern, String columnNamePattern) throws SQLException {
    return floe().metadata("getProcedureColumns", catalog, schemaPattern,
        procedureNamePattern, columnNamePattern);
  }

  @Override public ResultSet getColumnPrivileges(String catalog, String schema, String table,
      String columnNamePattern) throws SQLException {
    return floe().metadata("getColumnPrivileges", catalog, schema, table, columnNamePattern);
  }

  @Override public ResultSet getTablePrivileges(String catalog, String schemaPattern,
      String tableNamePattern) throws SQLException {
    return floe().metadata("getTablePrivileges", catalog, schemaPattern, tableNamePattern);
  }

  @Override public ResultSet getBestRowIdentifier(String catalog, String schema, String table,
      int scope, boolean nullable) throws SQLException {
    return floe().metadata("getBestRowIdentifier", catalog, schema, table);
  }

  @Override public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return floe().metadata("getVersionColumns", catalog, schema, table);
  }

  @Override public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return floe().metadata("getImportedKeys", catalog, schema, table);
  }

  @Override public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return floe().metadata("getExportedKeys", catalog, schema, table);
  }

  @Override public ResultSet getCrossReference(String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return floe().metadata("getCrossReference", parentCatalog,
        parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable);
  }

  @Override public ResultSet getIndexInfo(String catalog, String schema, String table,
      boolean unique, boolean approximate) throws SQLException {
    return floe().metadata("getIndexInfo", catalog, schema, table);
  }

  @Override public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern,
      int[] types) throws SQLException {
    return floe().metadata("getUDTs", catalog, schemaPattern, typeNamePattern);
  }

  @Override public ResultSet getSuperTypes(String catalog, String schemaPattern,
      String typeNamePattern) throws SQLException {
    return floe().metadata("getSuperTypes", catalog, schemaPattern, typeNamePattern);
  }

  @Override public ResultSet getSuperTables(String catalog, String schemaPattern,
      String tableNamePattern) throws SQLException {
    return floe().metadata("getSuperTables", catalog, schemaPattern, tableNamePattern);
  }

  @Override public ResultSet getAttributes(String catalog, String schemaPattern,
      String typeNamePattern, String attributeNamePattern) throws SQLException {
    return floe().metadata("getAttributes", catalog, schemaPattern,
        typeNamePattern, attributeNamePattern);
  }

  @Override public ResultSet getClientInfoProperties() throws SQLException {
    return floe().metadata("getClientInfoProperties");
  }

  @Override public ResultSet getPseudoColumns(String catalog, String schemaPattern,
      String tableNamePattern, String columnNamePattern) throws SQLException {
    return floe().metadata("getPseudoColumns", catalog, schemaPattern,
        tableNamePattern, columnNamePattern);
  }
}
