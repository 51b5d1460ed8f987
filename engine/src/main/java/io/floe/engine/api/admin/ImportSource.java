package io.floe.engine.api.admin;

/** Where the rows of an import come from: an uploaded file and its format. */
public sealed interface ImportSource permits CsvSource, ParquetSource {
  /** The file to load. */
  java.nio.file.Path file();
}
