package io.floe.engine.api.admin;

import java.nio.file.Path;
import java.util.List;

/**
 * A Parquet file; columns are matched by name.
 *
 * @param columns the table columns the file brings, which must be exactly its columns (empty:
 *     not said, and the file must have every column of the table). Columns left out load as NULL.
 */
public record ParquetSource(Path file, List<String> columns) implements ImportSource {
  public ParquetSource {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  public ParquetSource(Path file) {
    this(file, List.of());
  }
}
