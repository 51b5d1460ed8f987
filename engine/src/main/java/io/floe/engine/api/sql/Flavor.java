package io.floe.engine.api.sql;

/** The SQL dialect a front-end speaks; a session reads every statement in its flavour. */
public enum Flavor {
  /** PostgreSQL-like: unquoted identifiers fold to lower case. JDBC and the PostgreSQL wire. */
  POSTGRES,
  /** Snowflake-like: unquoted identifiers fold to upper case. */
  SNOWFLAKE
}
