package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * PostgreSQL's (and DuckDB's) short type names in casts: {@code x::int8}, {@code x::float8},
 * {@code 't'::bool}, {@code ts::timestamptz}, {@code 'ab'::bytea}, {@code CAST(x AS text)}. Calcite
 * knows only the standard names and would answer {@code Unknown identifier 'int8'}; each alias
 * becomes the standard type it names, as table columns already do ({@code ColumnType}). Any other
 * name that no type has fails with {@code 42704 type "..." does not exist}, as in PostgreSQL.
 */
final class TypeAliases extends SqlShuttle {
  /** A name no type has: refused in PostgreSQL's words ({@code type "signed" does not exist}). */
  private static final class Undefined extends SqlUserDefinedTypeNameSpec {
    Undefined(SqlIdentifier name, SqlParserPos pos) {
      super(name, pos);
    }

    @Override public RelDataType deriveType(SqlValidator validator) {
      try {
        return super.deriveType(validator);
      } catch (CalciteContextException e) {
        throw new FloeException(ErrorCode.UNDEFINED_TYPE, "type \"" + getTypeName().getSimple()
            + "\" does not exist", null, e);
      }
    }
  }

  private static final Map<String, SqlTypeName> ALIASES = Map.ofEntries(
      Map.entry("int2", SqlTypeName.SMALLINT), Map.entry("int16", SqlTypeName.SMALLINT),
      Map.entry("int4", SqlTypeName.INTEGER), Map.entry("int32", SqlTypeName.INTEGER),
      Map.entry("int8", SqlTypeName.BIGINT), Map.entry("int64", SqlTypeName.BIGINT),
      Map.entry("float4", SqlTypeName.REAL), Map.entry("float8", SqlTypeName.DOUBLE),
      Map.entry("bool", SqlTypeName.BOOLEAN),
      Map.entry("text", SqlTypeName.VARCHAR), Map.entry("string", SqlTypeName.VARCHAR),
      Map.entry("bytea", SqlTypeName.VARBINARY), Map.entry("blob", SqlTypeName.VARBINARY),
      Map.entry("datetime", SqlTypeName.TIMESTAMP),
      Map.entry("timestamptz", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE));
  private static final TypeAliases INSTANCE = new TypeAliases();

  private TypeAliases() {}

  /**
   * PostgreSQL's {@code timestamptz(p)}, which Calcite's parser does not read after a type's name,
   * as the standard {@code timestamp(p) with time zone} that it reads: {@code x::timestamptz(0)}.
   * Works on {@link SqlLexer} tokens, so literals, quoted names and comments never match.
   */
  static String precisionForms(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("timestamptz")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      int open = SqlLexer.nextSignificant(tokens, i + 1);
      int digits = open < 0 ? -1 : SqlLexer.nextSignificant(tokens, open + 1);
      int close = digits < 0 ? -1 : SqlLexer.nextSignificant(tokens, digits + 1);
      if (t.type() == SqlLexer.Type.WORD && t.is("timestamptz") && close >= 0 && tokens.get(open).isSymbol("(")
          && tokens.get(digits).type() == SqlLexer.Type.NUMBER && tokens.get(close).isSymbol(")")) {
        out.append("timestamp(").append(tokens.get(digits).text()).append(") with time zone");
        i = close;
        changed = true;
      } else {
        out.append(t.text());
      }
    }
    return changed ? out.toString() : sql;
  }

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public SqlNode visit(SqlDataTypeSpec type) {
    if (!(type.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named)
        || !named.getTypeName().isSimple()) {
      return type;
    }
    SqlTypeName standard = ALIASES.get(named.getTypeName().getSimple().toLowerCase(Locale.ROOT));
    if (standard == null) {
      return new SqlDataTypeSpec(new Undefined(named.getTypeName(), type.getParserPosition()),
          type.getTimeZone(), type.getParserPosition()).withNullable(type.getNullable());
    }
    int precision = switch (standard) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> FloeTypeSystem.TIME_PRECISION;
      default -> -1;
    };
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(standard, precision, type.getParserPosition()),
        type.getTimeZone(), type.getParserPosition()).withNullable(type.getNullable());
  }
}
