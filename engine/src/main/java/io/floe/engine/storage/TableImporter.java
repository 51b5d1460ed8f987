package io.floe.engine.storage;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.CsvOptions;
import io.floe.engine.api.admin.CsvSource;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.admin.ParquetSource;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.TypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * Loads a file into a table in one DuckDB transaction: either every row lands or the table is exactly
 * as it was, also if Floe dies midway (DuckDB writes its WAL only at commit).
 *
 * <ul>
 *   <li>full load: the table's rows are replaced;</li>
 *   <li>incremental with a primary key: rows whose key is in the file are replaced, others added;</li>
 *   <li>incremental without a primary key: rows are appended.</li>
 * </ul>
 * Within one file, the last row for a primary key wins.
 */
public final class TableImporter {
  private static final String STAGE = "__floe_import";

  private final DuckDbStorage storage;

  public TableImporter(DuckDbStorage storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  /** What an import did. */
  public record Result(long importedRows, long totalRows, long sizeBytes) {}

  /**
   * Imports {@code source} into {@code table}.
   *
   * @param onStatement receives the running DuckDB statement, so the caller can cancel it
   */
  public Result load(TableDef table, ImportSource source, boolean incremental,
      Consumer<Statement> onStatement) {
    storage.ensureAttached(table);
    long imported = loadInto(table, table.duckDbCatalog(), source, incremental, onStatement);
    return new Result(imported, storage.rowCount(table), storage.sizeBytes(table));
  }

  /**
   * Imports {@code source} into a copy of {@code table} attached as {@code duckDbCatalog} (a dev
   * branch's own copy), with the same atomicity; returns the rows imported.
   */
  public long loadInto(TableDef table, String duckDbCatalog, ImportSource source, boolean incremental,
      Consumer<Statement> onStatement) {
    List<String> fileColumns = fileColumns(table, source);
    String read = readExpression(table, source, fileColumns);
    String target = DuckDbSql.table(duckDbCatalog, table.name());
    String columnList = DuckDbSql.idents(fileColumns);
    List<String> pk = table.primaryKey();
    long imported;
    try (DuckDBConnection c = storage.connect(); Statement s = c.createStatement()) {
      onStatement.accept(s);
      s.execute("BEGIN TRANSACTION");
      try {
        if (!incremental) {
          s.execute("DELETE FROM " + target);
        }
        if (pk.isEmpty()) {
          imported = s.executeUpdate("INSERT INTO " + target + " (" + columnList + ") SELECT "
              + columnList + " FROM " + read);
        } else {
          s.execute("CREATE TEMP TABLE " + STAGE + " AS SELECT " + columnList + " FROM " + read);
          String keys = DuckDbSql.idents(pk);
          if (incremental) {
            String join = pk.stream()
                .map(k -> target + "." + DuckDbSql.ident(k) + " = s." + DuckDbSql.ident(k))
                .collect(Collectors.joining(" AND "));
            s.execute("DELETE FROM " + target + " USING (SELECT DISTINCT " + keys + " FROM " + STAGE
                + ") s WHERE " + join);
          }
          imported = s.executeUpdate("INSERT INTO " + target + " (" + columnList + ") SELECT "
              + columnList + " FROM (SELECT *, row_number() OVER (PARTITION BY " + keys
              + " ORDER BY rowid DESC) AS __floe_rn FROM " + STAGE + ") WHERE __floe_rn = 1");
          s.execute("DROP TABLE " + STAGE);
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(s);
        throw e;
      }
    } catch (SQLException e) {
      if (DuckDbErrors.isInterrupt(e)) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "import cancelled; the table is unchanged", e);
      }
      throw DuckDbErrors.translate(e, "import into " + table.bucketName() + "." + table.name()
          + " failed; the table is unchanged");
    }
    return imported;
  }

  private static void rollbackQuietly(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // The transaction is gone with the connection either way.
    }
  }

  /**
   * The table columns the file provides, in file order. A file may leave out nullable columns (they
   * load as NULL) only if the import names the columns it brings: a full load of a file that lacks
   * a column by mistake would otherwise replace the table's values with NULLs. NOT NULL and
   * primary-key columns can never be left out.
   */
  private List<String> fileColumns(TableDef table, ImportSource source) {
    List<String> declared = source instanceof CsvSource csv ? csv.columns()
        : ((ParquetSource) source).columns();
    if (source instanceof CsvSource csv && !csv.options().header()) {
      List<String> fields = declared.isEmpty()
          ? table.columns().stream().map(ColumnDef::name).toList()
          : tableColumns(table, declared, "the import names");
      requireColumns(table, fields);
      return fields;
    }
    List<String> fileColumns = tableColumns(table, namesInFile(source), "the file has");
    requireColumns(table, fileColumns);
    if (declared.isEmpty()) {
      List<String> missing = table.columns().stream().map(ColumnDef::name)
          .filter(c -> !fileColumns.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw FloeException.of(ErrorCode.INVALID_DATA,
            "the file lacks %s of table %s: a file that leaves out columns must name the columns it "
                + "brings (columns=%s) to load NULL into the others",
            quoted(missing), table.name(), String.join(",", fileColumns));
      }
    } else if (!Set.copyOf(tableColumns(table, declared, "the import names"))
        .equals(Set.copyOf(fileColumns))) {
      throw FloeException.of(ErrorCode.INVALID_DATA,
          "the file's columns %s are not the ones the import names %s", fileColumns, declared);
    }
    return fileColumns;
  }

  /** The column names of a file with a header, or of a Parquet file, as they are in the file. */
  private List<String> namesInFile(ImportSource source) {
    if (source instanceof CsvSource csv) {
      try {
        return CsvHeader.read(csv.file(), csv.options());
      } catch (IOException e) {
        throw new FloeException(ErrorCode.IO_ERROR, "cannot read the uploaded file: " + e.getMessage(), e);
      }
    }
    return parquetColumns(((ParquetSource) source).file());
  }

  /** {@code names} as the table spells them (matched regardless of case), each at most once. */
  private static List<String> tableColumns(TableDef table, List<String> names, String whose) {
    List<String> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : names) {
      String name = raw.strip();
      Optional<ColumnDef> column = table.column(name);
      if (column.isEmpty()) {
        column = table.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
      }
      if (column.isEmpty()) {
        throw FloeException.of(ErrorCode.INVALID_DATA,
            "%s column '%s', which table %s does not have (columns: %s)",
            whose, name, table.name(), table.columns().stream().map(ColumnDef::name).toList());
      }
      if (!seen.add(column.get().name())) {
        throw FloeException.of(ErrorCode.INVALID_DATA, "%s column '%s' twice", whose, name);
      }
      result.add(column.get().name());
    }
    return result;
  }

  /** Refuses a file without a NOT NULL or primary-key column. */
  private static void requireColumns(TableDef table, List<String> fileColumns) {
    for (ColumnDef c : table.columns()) {
      boolean required = !c.nullable() || table.primaryKey().contains(c.name());
      if (required && !fileColumns.contains(c.name())) {
        throw FloeException.of(ErrorCode.INVALID_DATA,
            "the file lacks column '%s', which is %s", c.name(),
            table.primaryKey().contains(c.name()) ? "part of the primary key" : "NOT NULL");
      }
    }
  }

  private static String quoted(List<String> names) {
    return (names.size() == 1 ? "column " : "columns ")
        + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
  }

  private List<String> parquetColumns(Path file) {
    try (DuckDBConnection c = storage.connect(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT name FROM parquet_schema(" + DuckDbSql.literal(file.toString())
             + ") WHERE name <> 'duckdb_schema' AND num_children IS NULL")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "the file is not readable as Parquet");
    }
  }

  private static String readExpression(TableDef table, ImportSource source, List<String> fileColumns) {
    if (source instanceof ParquetSource parquet) {
      List<String> casts = new ArrayList<>();
      for (String name : fileColumns) {
        ColumnDef c = table.column(name).orElseThrow();
        casts.add("CAST(" + DuckDbSql.ident(name) + " AS " + c.type().toDuckDb() + ") AS "
            + DuckDbSql.ident(name));
      }
      return "(SELECT " + String.join(", ", casts) + " FROM read_parquet("
          + DuckDbSql.literal(parquet.file().toString()) + "))";
    }
    CsvSource csv = (CsvSource) source;
    CsvOptions o = csv.options();
    String columns = fileColumns.stream()
        .map(name -> {
          ColumnDef c = table.column(name).orElseThrow();
          String type = c.type().name() == TypeName.JSON ? "VARCHAR" : c.type().toDuckDb();
          return DuckDbSql.literal(name) + ": " + DuckDbSql.literal(type);
        })
        .collect(Collectors.joining(", ", "{", "}"));
    String nulls = o.nullStrings().stream().map(DuckDbSql::literal)
        .collect(Collectors.joining(", ", "[", "]"));
    return "read_csv(" + DuckDbSql.literal(csv.file().toString())
        + ", header = " + o.header()
        + ", auto_detect = false"
        + ", delim = " + DuckDbSql.literal(o.delimiter())
        + ", quote = " + DuckDbSql.literal(o.quote())
        + ", escape = " + DuckDbSql.literal(o.escape())
        + ", nullstr = " + nulls
        + ", allow_quoted_nulls = false"
        + ", strict_mode = true"
        + ", columns = " + columns + ")";
  }

}
