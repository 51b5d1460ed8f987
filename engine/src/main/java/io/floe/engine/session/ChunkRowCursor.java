package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.ResultColumn;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * Streams rows of a pushed-down statement from DuckDB's data chunks ({@link DuckDBChunkedResult}):
 * values are read straight from each chunk's vectors, about twice as fast as through DuckDB's JDBC
 * result set, which converts every chunk into Java objects first.
 *
 * <p>Used when every result column has a vector reader below and DuckDB's type is the one Floe
 * declared; otherwise {@link JdbcRowCursor} reads the statement.
 */
final class ChunkRowCursor extends AbstractRowCursor {
  /** Reads one value of a vector. */
  @FunctionalInterface
  interface VectorReader {
    Object read(DuckDBReadableVector vector, int row);
  }

  /**
   * DuckDB's check for an error that ended a streaming result: without it, a failure after the
   * first chunk (an interrupt, a cast that fails on a later row) would look like the end of the
   * rows. The method is not public, so it is looked up once; without it this cursor is not used.
   */
  private static final MethodHandle CHECK_ERROR = findCheckError();

  private final VectorReader[] readers;
  private final DuckDbConnections pool;
  private final DuckDbConnections.Pooled pooled;
  private final String sql;
  private final PreparedStatement statement;
  private final DuckDBChunkedResult result;
  private final DuckDBReadableVector[] vectors;
  private int chunkRows;
  private int position;

  ChunkRowCursor(List<ResultColumn> columns, VectorReader[] readers, DuckDbConnections pool,
      DuckDbConnections.Pooled pooled, String sql, PreparedStatement statement,
      DuckDBChunkedResult result, Execution execution, Completion completion) {
    super(columns, execution, completion);
    this.readers = readers;
    this.pool = pool;
    this.pooled = pooled;
    this.sql = sql;
    this.statement = statement;
    this.result = result;
    this.vectors = new DuckDBReadableVector[readers.length];
  }

  static boolean available() {
    return CHECK_ERROR != null;
  }

  /** Runs {@code statement} for its data chunks. */
  static DuckDBChunkedResult query(PreparedStatement statement) throws SQLException {
    return statement.unwrap(DuckDBPreparedStatement.class).query();
  }

  /**
   * Vector readers for a prepared statement's result, or null if a column has none (a type this
   * cursor does not read, or one DuckDB delivers differently from what Floe declared).
   */
  static VectorReader[] readers(List<ResultColumn> columns, PreparedStatement statement)
      throws SQLException {
    if (!available()) {
      return null;
    }
    ResultSetMetaData md = statement.getMetaData();
    if (md == null || md.getColumnCount() != columns.size()) {
      return null;
    }
    VectorReader[] readers = new VectorReader[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = reader(columns.get(i).type(), md.getColumnTypeName(i + 1));
      if (readers[i] == null) {
        return null;
      }
    }
    return readers;
  }

  private static VectorReader reader(ColumnType expected, String duckDbType) {
    String t = duckDbType == null ? "" : duckDbType.toUpperCase(Locale.ROOT);
    switch (expected.name()) {
      case BOOLEAN:
        return t.equals("BOOLEAN") ? (v, r) -> v.isNull(r) ? null : v.getBoolean(r) : null;
      case SMALLINT:
        return t.equals("SMALLINT") ? (v, r) -> v.isNull(r) ? null : v.getShort(r) : null;
      case INTEGER:
        return t.equals("INTEGER") ? (v, r) -> v.isNull(r) ? null : v.getInt(r) : null;
      case BIGINT:
        return t.equals("BIGINT") ? (v, r) -> v.isNull(r) ? null : v.getLong(r) : null;
      case REAL:
        return t.equals("FLOAT") ? (v, r) -> v.isNull(r) ? null : v.getFloat(r) : null;
      case DOUBLE:
        return t.equals("DOUBLE") ? (v, r) -> v.isNull(r) ? null : v.getDouble(r) : null;
      case DECIMAL:
        return t.startsWith("DECIMAL") ? DuckDBReadableVector::getBigDecimal : null;
      case VARCHAR:
        return t.equals("VARCHAR") ? DuckDBReadableVector::getString : null;
      case DATE:
        return t.equals("DATE") ? DuckDBReadableVector::getLocalDate : null;
      case TIMESTAMP:
        return t.equals("TIMESTAMP") ? DuckDBReadableVector::getLocalDateTime : null;
      case TIMESTAMPTZ:
        return t.equals("TIMESTAMP WITH TIME ZONE") ? (v, r) -> {
          var value = v.getOffsetDateTime(r);
          return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
        } : null;
      default:
        // TIME, UUID, JSON and BLOB have no vector reader; DuckDB's result set reads them.
        return null;
    }
  }

  @Override protected boolean advance() throws SQLException {
    while (position >= chunkRows) {
      if (!nextChunk()) {
        return false;
      }
    }
    for (int i = 0; i < readers.length; i++) {
      row[i] = readers[i].read(vectors[i], position);
    }
    position++;
    return true;
  }

  private boolean nextChunk() throws SQLException {
    if (!advance(result)) {
      return false;
    }
    DuckDBDataChunkReader chunk = result.chunk();
    chunkRows = (int) chunk.rowCount();
    position = 0;
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = chunk.vector(i);
    }
    return true;
  }

  /**
   * Moves {@code result} to its next chunk; false at the end. A result that ended because its
   * statement failed throws that failure.
   */
  static boolean advance(DuckDBChunkedResult result) throws SQLException {
    if (result.nextChunk()) {
      return true;
    }
    try {
      CHECK_ERROR.invoke(result);
    } catch (SQLException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException(e);
    }
    return false;
  }

  @Override protected void release(FloeException error) {
    releasePushedDown(execution, statement, result, pool, pooled, sql, error);
  }

  private static MethodHandle findCheckError() {
    try {
      var method = DuckDBChunkedResult.class.getDeclaredMethod("checkError");
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method)
          .asType(MethodType.methodType(void.class, DuckDBChunkedResult.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
