package io.floe.avatica;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * The columns of every {@code DatabaseMetaData} result set, named and typed as the JDBC 4.3 javadoc
 * of each method lists them (tools read them by label and with typed getters).
 */
final class MetadataColumns {
  private MetadataColumns() {}

  /** A column of a metadata result: its label and JDBC type. */
  record Col(String name, int type) {}

  static Col str(String name) {
    return new Col(name, Types.VARCHAR);
  }

  static Col integer(String name) {
    return new Col(name, Types.INTEGER);
  }

  static Col small(String name) {
    return new Col(name, Types.SMALLINT);
  }

  static Col big(String name) {
    return new Col(name, Types.BIGINT);
  }

  static Col bool(String name) {
    return new Col(name, Types.BOOLEAN);
  }

  static List<ColumnMetaData> of(Col... cols) {
    List<ColumnMetaData> result = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      Col c = cols[i];
      ColumnMetaData.Rep rep = switch (c.type) {
        case Types.INTEGER -> ColumnMetaData.Rep.INTEGER;
        case Types.SMALLINT -> ColumnMetaData.Rep.SHORT;
        case Types.BIGINT -> ColumnMetaData.Rep.LONG;
        case Types.BOOLEAN -> ColumnMetaData.Rep.BOOLEAN;
        default -> ColumnMetaData.Rep.STRING;
      };
      String typeName = switch (c.type) {
        case Types.INTEGER -> "INTEGER";
        case Types.SMALLINT -> "SMALLINT";
        case Types.BIGINT -> "BIGINT";
        case Types.BOOLEAN -> "BOOLEAN";
        default -> "VARCHAR";
      };
      String className = switch (rep) {
        case INTEGER -> Integer.class.getName();
        case SHORT -> Short.class.getName();
        case LONG -> Long.class.getName();
        case BOOLEAN -> Boolean.class.getName();
        default -> String.class.getName();
      };
      boolean numeric = rep != ColumnMetaData.Rep.STRING && rep != ColumnMetaData.Rep.BOOLEAN;
      result.add(new ColumnMetaData(i, false, c.type == Types.VARCHAR, false, false,
          DatabaseMetaData.columnNullable, numeric, 0, c.name, c.name, null, 0, 0, null, null,
          ColumnMetaData.scalar(c.type, typeName, rep), true, false, false, className));
    }
    return result;
  }

  static final Col[] CATALOGS = {str("TABLE_CAT")};
  static final Col[] SCHEMAS = {str("TABLE_SCHEM"), str("TABLE_CATALOG")};
  static final Col[] TABLE_TYPES = {str("TABLE_TYPE")};
  static final Col[] TABLES = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("TABLE_TYPE"), str("REMARKS"), str("TYPE_CAT"), str("TYPE_SCHEM"), str("TYPE_NAME"),
      str("SELF_REFERENCING_COL_NAME"), str("REF_GENERATION")};
  static final Col[] COLUMNS = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("COLUMN_NAME"), integer("DATA_TYPE"), str("TYPE_NAME"), integer("COLUMN_SIZE"),
      integer("BUFFER_LENGTH"), integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"),
      integer("NULLABLE"), str("REMARKS"), str("COLUMN_DEF"), integer("SQL_DATA_TYPE"),
      integer("SQL_DATETIME_SUB"), integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"),
      str("IS_NULLABLE"), str("SCOPE_CATALOG"), str("SCOPE_SCHEMA"), str("SCOPE_TABLE"),
      small("SOURCE_DATA_TYPE"), str("IS_AUTOINCREMENT"), str("IS_GENERATEDCOLUMN")};
  static final Col[] PRIMARY_KEYS = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("COLUMN_NAME"), small("KEY_SEQ"), str("PK_NAME")};
  static final Col[] TYPE_INFO = {str("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
      str("LITERAL_PREFIX"), str("LITERAL_SUFFIX"), str("CREATE_PARAMS"), small("NULLABLE"),
      bool("CASE_SENSITIVE"), small("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"),
      bool("FIXED_PREC_SCALE"), bool("AUTO_INCREMENT"), str("LOCAL_TYPE_NAME"),
      small("MINIMUM_SCALE"), small("MAXIMUM_SCALE"), integer("SQL_DATA_TYPE"),
      integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX")};
  static final Col[] FUNCTIONS = {str("FUNCTION_CAT"), str("FUNCTION_SCHEM"),
      str("FUNCTION_NAME"), str("REMARKS"), small("FUNCTION_TYPE"), str("SPECIFIC_NAME")};
  static final Col[] FUNCTION_COLUMNS = {str("FUNCTION_CAT"), str("FUNCTION_SCHEM"),
      str("FUNCTION_NAME"), str("COLUMN_NAME"), small("COLUMN_TYPE"), integer("DATA_TYPE"),
      str("TYPE_NAME"), integer("PRECISION"), integer("LENGTH"), small("SCALE"), small("RADIX"),
      small("NULLABLE"), str("REMARKS"), integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"),
      str("IS_NULLABLE"), str("SPECIFIC_NAME")};
  static final Col[] PROCEDURES = {str("PROCEDURE_CAT"), str("PROCEDURE_SCHEM"),
      str("PROCEDURE_NAME"), str("RESERVED1"), str("RESERVED2"), str("RESERVED3"), str("REMARKS"),
      small("PROCEDURE_TYPE"), str("SPECIFIC_NAME")};
  static final Col[] PROCEDURE_COLUMNS = {str("PROCEDURE_CAT"), str("PROCEDURE_SCHEM"),
      str("PROCEDURE_NAME"), str("COLUMN_NAME"), small("COLUMN_TYPE"), integer("DATA_TYPE"),
      str("TYPE_NAME"), integer("PRECISION"), integer("LENGTH"), small("SCALE"), small("RADIX"),
      small("NULLABLE"), str("REMARKS"), str("COLUMN_DEF"), integer("SQL_DATA_TYPE"),
      integer("SQL_DATETIME_SUB"), integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"),
      str("IS_NULLABLE"), str("SPECIFIC_NAME")};
  static final Col[] COLUMN_PRIVILEGES = {str("TABLE_CAT"), str("TABLE_SCHEM"),
      str("TABLE_NAME"), str("COLUMN_NAME"), str("GRANTOR"), str("GRANTEE"), str("PRIVILEGE"),
      str("IS_GRANTABLE")};
  static final Col[] TABLE_PRIVILEGES = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("GRANTOR"), str("GRANTEE"), str("PRIVILEGE"), str("IS_GRANTABLE")};
  /** getBestRowIdentifier and getVersionColumns. */
  static final Col[] ROW_IDENTIFIER = {small("SCOPE"), str("COLUMN_NAME"), integer("DATA_TYPE"),
      str("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"), small("DECIMAL_DIGITS"),
      small("PSEUDO_COLUMN")};
  /** getImportedKeys, getExportedKeys and getCrossReference. */
  static final Col[] KEYS = {str("PKTABLE_CAT"), str("PKTABLE_SCHEM"), str("PKTABLE_NAME"),
      str("PKCOLUMN_NAME"), str("FKTABLE_CAT"), str("FKTABLE_SCHEM"), str("FKTABLE_NAME"),
      str("FKCOLUMN_NAME"), small("KEY_SEQ"), small("UPDATE_RULE"), small("DELETE_RULE"),
      str("FK_NAME"), str("PK_NAME"), small("DEFERRABILITY")};
  static final Col[] INDEX_INFO = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      bool("NON_UNIQUE"), str("INDEX_QUALIFIER"), str("INDEX_NAME"), small("TYPE"),
      small("ORDINAL_POSITION"), str("COLUMN_NAME"), str("ASC_OR_DESC"), big("CARDINALITY"),
      big("PAGES"), str("FILTER_CONDITION")};
  static final Col[] UDTS = {str("TYPE_CAT"), str("TYPE_SCHEM"), str("TYPE_NAME"),
      str("CLASS_NAME"), integer("DATA_TYPE"), str("REMARKS"), small("BASE_TYPE")};
  static final Col[] SUPER_TYPES = {str("TYPE_CAT"), str("TYPE_SCHEM"), str("TYPE_NAME"),
      str("SUPERTYPE_CAT"), str("SUPERTYPE_SCHEM"), str("SUPERTYPE_NAME")};
  static final Col[] SUPER_TABLES = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("SUPERTABLE_NAME")};
  static final Col[] ATTRIBUTES = {str("TYPE_CAT"), str("TYPE_SCHEM"), str("TYPE_NAME"),
      str("ATTR_NAME"), integer("DATA_TYPE"), str("ATTR_TYPE_NAME"), integer("ATTR_SIZE"),
      integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"), str("REMARKS"),
      str("ATTR_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
      integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), str("IS_NULLABLE"),
      str("SCOPE_CATALOG"), str("SCOPE_SCHEMA"), str("SCOPE_TABLE"), small("SOURCE_DATA_TYPE")};
  static final Col[] CLIENT_INFO_PROPERTIES = {str("NAME"), integer("MAX_LEN"),
      str("DEFAULT_VALUE"), str("DESCRIPTION")};
  static final Col[] PSEUDO_COLUMNS = {str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
      str("COLUMN_NAME"), integer("DATA_TYPE"), integer("COLUMN_SIZE"), integer("DECIMAL_DIGITS"),
      integer("NUM_PREC_RADIX"), str("COLUMN_USAGE"), str("REMARKS"), integer("CHAR_OCTET_LENGTH"),
      str("IS_NULLABLE")};
}
