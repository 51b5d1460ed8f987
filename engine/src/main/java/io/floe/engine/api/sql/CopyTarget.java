package io.floe.engine.api.sql;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where {@link Session#copyTo} writes a result, and in which format.
 *
 * @param file the file to create (its directory must exist)
 * @param format CSV (RFC 4180, header row, comma) or Parquet
 * @param gzip gzip the CSV file, or use GZIP as the Parquet codec (Snappy otherwise)
 */
public record CopyTarget(Path file, Format format, boolean gzip) {
  /** File formats. */
  public enum Format { CSV, PARQUET }

  public CopyTarget {
    requireNonNull(file, "file");
    requireNonNull(format, "format");
  }
}
