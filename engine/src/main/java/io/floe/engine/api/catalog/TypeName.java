package io.floe.engine.api.catalog;

/** The column types a Floe table can have. Each maps to one DuckDB type of the same meaning. */
public enum TypeName {
  BOOLEAN("BOOLEAN"),
  SMALLINT("SMALLINT"),
  INTEGER("INTEGER"),
  BIGINT("BIGINT"),
  REAL("REAL"),
  DOUBLE("DOUBLE"),
  DECIMAL("DECIMAL"),
  VARCHAR("VARCHAR"),
  DATE("DATE"),
  TIME("TIME"),
  TIMESTAMP("TIMESTAMP"),
  TIMESTAMPTZ("TIMESTAMPTZ"),
  UUID("UUID"),
  JSON("JSON"),
  BLOB("BLOB");

  private final String duckDbName;

  TypeName(String duckDbName) {
    this.duckDbName = duckDbName;
  }

  public String duckDbName() {
    return duckDbName;
  }
}
