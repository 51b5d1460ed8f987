package io.floe.engine.api.admin;

import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file in the given dialect.
 *
 * @param columns the table columns the file brings (empty: not said). Without a header row they
 *     are the columns its fields fill, in order (empty: every column, in the table's order); with
 *     a header, the header must name exactly these, in any order (empty: the header must name
 *     every column of the table). Columns left out load as NULL.
 */
public record CsvSource(Path file, CsvOptions options, List<String> columns) implements ImportSource {
  public CsvSource {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  public CsvSource(Path file, CsvOptions options) {
    this(file, options, List.of());
  }
}
